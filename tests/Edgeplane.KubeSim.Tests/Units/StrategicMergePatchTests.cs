using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Patching;

namespace Edgeplane.KubeSim.Tests.Units;

/// <summary>Strategic merge in kube-apiserver's dialect with the merge keys of KubeSim's built-in schema.</summary>
public sealed class StrategicMergePatchTests
{
    private static readonly ResourceType Deployment = ResourceCatalog.Builtin.FindKind("apps", "Deployment")!;

    [Fact]
    public void Apply_EnvByName_MergesAndFinalizersUnion()
    {
        var target = JsonNode.Parse("""
            {"metadata":{"finalizers":["a"]},"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}}}}
            """)!.AsObject();
        var patch = JsonNode.Parse("""
            {"metadata":{"finalizers":["b"]},"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"Y","value":"3"}]}]}}}}
            """);

        var result = ApiServerPatch.Strategic(target, patch, Deployment.Schema)!;

        Assert.Equal("""["a","b"]""", result["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""[{"name":"X","value":"1"},{"name":"Y","value":"3"}]""",
            result["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.ToJsonString());
    }

    [Fact]
    public void Apply_ReplaceDirective_ReplacesMap()
    {
        var target = JsonNode.Parse("""{"spec":{"selector":{"matchLabels":{"a":"1","b":"2"}}}}""")!.AsObject();
        var patch = JsonNode.Parse("""{"spec":{"selector":{"$patch":"replace","matchLabels":{"c":"3"}}}}""");

        var result = ApiServerPatch.Strategic(target, patch, Deployment.Schema)!;

        Assert.Equal("""{"matchLabels":{"c":"3"}}""", result["spec"]!["selector"]!.ToJsonString());
    }

    [Fact]
    public void Apply_ContainerPortsByContainerPort_MergedInPlaceAndNewAppended()
    {
        var target = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"name":"http"},{"containerPort":9090}]}]}}}}
            """)!.AsObject();
        var patch = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"containers":[{"name":"c","ports":[{"containerPort":443},{"containerPort":80,"name":"web"}]}]}}}}
            """);

        var result = ApiServerPatch.Strategic(target, patch, Deployment.Schema)!;

        Assert.Equal("""[{"containerPort":80,"name":"web"},{"containerPort":9090},{"containerPort":443}]""",
            result["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void Apply_NotAnObject_Null()
    {
        var target = JsonNode.Parse("""{"spec":{}}""")!.AsObject();

        Assert.Null(ApiServerPatch.Strategic(target, JsonNode.Parse("[]"), Deployment.Schema));
        Assert.Equal("""{"spec":{}}""", target.ToJsonString());
    }
}
