using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Patching;
using static Edgeplane.ApiMachinery.Patching.MergeSchema;

namespace Edgeplane.ApiMachinery.Tests.Patching;

/// <summary>
/// The merge itself, in both dialects. kustomize's exact behaviour is proven against <c>kubectl kustomize</c> by the
/// Rendering corpus; kube-apiserver's by KubeSim's patch and kubectl tests.
/// </summary>
public sealed class StrategicMergeTests
{
    private static readonly MergeSchema Pod = Object(
        ("metadata", Object(("finalizers", MergeList(null)))),
        ("spec", Object(("containers", MergeList(Object(("env", MergeList(null, "name"))), "name")))));

    private static readonly StrategicMergeOptions Kustomize = new() { Dialect = MergeDialect.Kustomize, Schema = Pod };
    private static readonly StrategicMergeOptions ApiServer = StrategicMergeOptions.KubeApiServer(Pod);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static string Merge(string target, string patch, StrategicMergeOptions options) =>
        StrategicMerge.Apply(Obj(target), Obj(patch), options)!.ToJsonString();

    [Theory]
    [InlineData(MergeDialect.Kustomize, """["c","a","b"]""")]
    [InlineData(MergeDialect.KubeApiServer, """["a","b","c"]""")]
    public void Apply_NewListElement_PlacedByDialect(MergeDialect dialect, string names)
    {
        var merged = StrategicMerge.Apply(
            Obj("""{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b"}]}}"""),
            Obj("""{"spec":{"containers":[{"name":"c"},{"name":"a","image":"2"}]}}"""),
            new StrategicMergeOptions { Dialect = dialect, Schema = Pod })!;

        var containers = merged["spec"]!["containers"]!.AsArray();
        Assert.Equal(names, new JsonArray([.. containers.Select(c => (JsonNode?)c!["name"]!.DeepClone())]).ToJsonString());
        Assert.Equal("2", containers.Single(c => (string?)c!["name"] == "a")!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_ApiServer_EnvByNameMergesAndFinalizersUnion()
    {
        var result = Merge(
            """{"metadata":{"finalizers":["a"]},"spec":{"containers":[{"name":"c","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}}""",
            """{"metadata":{"finalizers":["b","a"]},"spec":{"containers":[{"name":"c","env":[{"name":"Y","value":"3"}]}]}}""",
            ApiServer);

        Assert.Equal("""{"metadata":{"finalizers":["a","b"]},"spec":{"containers":[{"name":"c","env":[{"name":"X","value":"1"},{"name":"Y","value":"3"}]}]}}""", result);
    }

    [Fact]
    public void Apply_Kustomize_FinalizersUnionPatchFirst() =>
        Assert.Equal("""{"metadata":{"finalizers":["b","a"]}}""", Merge("""{"metadata":{"finalizers":["a"]}}""", """{"metadata":{"finalizers":["b"]}}""", Kustomize));

    [Theory]
    [InlineData(MergeDialect.Kustomize)]
    [InlineData(MergeDialect.KubeApiServer)]
    public void Apply_PatchDirectives_ReplaceMapAndDeleteElement(MergeDialect dialect)
    {
        var options = new StrategicMergeOptions { Dialect = dialect, Schema = Pod };

        var replaced = Merge("""{"spec":{"selector":{"a":"1","b":"2"}}}""", """{"spec":{"selector":{"$patch":"replace","c":"3"}}}""", options);
        var deleted = Merge("""{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""", """{"spec":{"containers":[{"name":"b","$patch":"delete"}]}}""", options);
        var whole = StrategicMerge.Apply(Obj("""{"kind":"Pod"}"""), Obj("""{"$patch":"delete"}"""), options);

        Assert.Equal("""{"spec":{"selector":{"c":"3"}}}""", replaced);
        Assert.Equal("""{"spec":{"containers":[{"name":"a"}]}}""", deleted);
        Assert.Null(whole);
    }

    [Fact]
    public void Apply_ApiServer_RetainKeysAndDeleteFromPrimitiveListApplied_SetElementOrderDropped()
    {
        var result = Merge(
            """{"metadata":{"finalizers":["a","b"]},"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""",
            """
            {"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"$setElementOrder/finalizers":["b"]},
             "spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}
            """,
            ApiServer);

        Assert.Equal("""{"metadata":{"finalizers":["b"]},"spec":{"strategy":{"type":"Recreate"}}}""", result);
    }

    [Fact]
    public void Apply_Kustomize_ServerDirectivesStayInTheObject()
    {
        var result = Merge("""{"spec":{"strategy":{"type":"RollingUpdate"}}}""", """{"spec":{"strategy":{"$retainKeys":["type"]}}}""", Kustomize);

        Assert.Equal("""{"spec":{"strategy":{"type":"RollingUpdate","$retainKeys":["type"]}}}""", result);
    }

    [Fact]
    public void Apply_NoSchema_ListsReplacedAndNullDeletes() =>
        Assert.Equal("""{"spec":{"items":[3],"keep":1}}""",
            Merge("""{"spec":{"items":[1,2],"keep":1,"drop":true}}""", """{"spec":{"items":[3],"drop":null}}""", new StrategicMergeOptions()));

    [Fact]
    public void Apply_SchemaOf_FindsTheKindOfTheTargetAndOfEmbeddedObjects()
    {
        var options = new StrategicMergeOptions { SchemaOf = o => (string?)o["kind"] == "Pod" ? Pod : null };

        var result = Merge(
            """{"kind":"Wrapper","template":{"kind":"Pod","spec":{"containers":[{"name":"a"}]}}}""",
            """{"template":{"spec":{"containers":[{"name":"b"}]}}}""",
            options);

        Assert.Equal("""{"kind":"Wrapper","template":{"kind":"Pod","spec":{"containers":[{"name":"b"},{"name":"a"}]}}}""", result);
    }

    [Fact]
    public void Apply_ComputedSchema_AsksPerField()
    {
        MergeSchema Rule(string path) => Computed(name => name == "ports" ? MergeList(null, "port") : Rule(path + "." + name));
        var options = StrategicMergeOptions.KubeApiServer(Rule(""));

        var result = Merge("""{"a":{"b":{"ports":[{"port":1,"x":1}]}}}""", """{"a":{"b":{"ports":[{"port":1,"x":2},{"port":2}]}}}""", options);

        Assert.Equal("""{"a":{"b":{"ports":[{"port":1,"x":2},{"port":2}]}}}""", result);
    }

    [Theory]
    [InlineData("""{"spec":{"containers":{"name":"a"}}}""", "cannot merge a map into a list at '.spec.containers'")]
    [InlineData("""{"spec":{"selector":{"$patch":"explode"}}}""", "unknown patch strategy 'explode'")]
    [InlineData("""{"spec":{"containers":[{"$patch":"explode"}]}}""", "unknown patch strategy 'explode'")]
    public void Apply_PatchThatDoesNotFit_SaysWhy(string patch, string expected)
    {
        var target = Obj("""{"spec":{"containers":[{"name":"a"}],"selector":{"a":"1"}}}""");

        var error = Assert.Throws<PatchException>(() => StrategicMerge.Apply(target, Obj(patch), ApiServer));

        Assert.Equal(expected, error.Message);
    }
}
