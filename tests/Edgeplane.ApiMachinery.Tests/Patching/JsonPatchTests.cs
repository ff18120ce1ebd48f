using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Patching;

namespace Edgeplane.ApiMachinery.Tests.Patching;

/// <summary>RFC 6902 as evanphx/json-patch applies it for kustomize (Rendering) and kube-apiserver (KubeSim).</summary>
public sealed class JsonPatchTests
{
    private static IReadOnlyList<PatchOperation> Ops(string json) => JsonPatch.Parse(JsonNode.Parse(json)!.AsArray());

    [Fact]
    public void Apply_EscapedPointerAndEndOfArray_AppliesUntilAnIndexOutOfRange()
    {
        var doc = JsonNode.Parse("""{"metadata":{"annotations":{}},"list":[1]}""")!;
        var ops = Ops("""
            [{"op":"add","path":"/metadata/annotations/a~1b~0c","value":"x"},
             {"op":"add","path":"/list/-","value":2},
             {"op":"add","path":"/list/-3","value":0},
             {"op":"test","path":"/list","value":[1,2]}]
            """);

        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(doc, ops));

        Assert.Equal("operation 3 (add /list/-3): array index -3 is out of range (the array has 2 elements)", error.Message);
        Assert.Equal("x", doc["metadata"]!["annotations"]!["a/b~c"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_MoveAndCopy_KeepOrder()
    {
        var doc = JsonNode.Parse("""{"a":{"x":1},"b":[]}""")!;
        var ops = Ops("""[{"op":"copy","from":"/a/x","path":"/b/0"},{"op":"move","from":"/a","path":"/c"},{"op":"test","path":"/c/x","value":1}]""");

        var result = JsonPatch.Apply(doc, ops);

        Assert.Equal("""{"b":[1],"c":{"x":1}}""", result.ToJsonString());
    }

    [Fact]
    public void Apply_AddReplaceRemove_ReplaceKeepsTheMembersPlace()
    {
        var doc = JsonNode.Parse("""{"x":"1","y":"2"}""")!;
        var ops = Ops("""[{"op":"add","path":"/z","value":"3"},{"op":"replace","path":"/x","value":"9"},{"op":"remove","path":"/y"}]""");

        var result = JsonPatch.Apply(doc, ops);

        Assert.Equal("""{"x":"9","z":"3"}""", result.ToJsonString());
    }

    [Fact]
    public void Apply_NegativeIndex_CountsFromTheEnd()
    {
        var doc = JsonNode.Parse("""{"list":[1,2,3]}""")!;

        var result = JsonPatch.Apply(doc, Ops("""[{"op":"add","path":"/list/-1","value":9},{"op":"remove","path":"/list/-4"}]"""));

        Assert.Equal("""{"list":[2,9,3]}""", result.ToJsonString());
    }

    [Fact]
    public void Apply_FailedTest_NamesThePathAndTheValue()
    {
        var doc = JsonNode.Parse("""{"data":{"x":"1"}}""")!;

        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(doc,
            Ops("""[{"op":"test","path":"/data/x","value":"2"},{"op":"replace","path":"/data/x","value":"3"}]""")));

        Assert.Equal("operation 1 (test /data/x): testing value /data/x failed: the value is \"1\"", error.Message);
        Assert.Equal("""{"data":{"x":"1"}}""", doc.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"replace","path":"/spec/template/spec","value":{}}]""",
        "operation 1 (replace /spec/template/spec): path '/spec/template/spec' does not exist (no 'spec/template')")]
    [InlineData("""[{"op":"remove","path":"/metadata/gone"}]""", "operation 1 (remove /metadata/gone): path '/metadata/gone' does not exist")]
    [InlineData("""[{"op":"add","path":"metadata","value":1}]""", "operation 1 (add metadata): path 'metadata' must start with '/'")]
    [InlineData("""[{"op":"add","path":"/metadata/name/x","value":1}]""", "operation 1 (add /metadata/name/x): cannot add below a scalar at '/metadata/name/x'")]
    [InlineData("""[{"op":"remove","path":""}]""", "the patch removed the whole object")]
    public void Apply_OperationThatDoesNotApply_NamesIt(string patch, string expected)
    {
        var doc = JsonNode.Parse("""{"metadata":{"name":"a"},"spec":{}}""")!;

        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(doc, Ops(patch)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Apply_Copying_IsShownEachValueBeforeItIsCopiedAndMayStop()
    {
        var doc = JsonNode.Parse("""{"a":{"b":1}}""")!;
        var seen = new List<string>();
        var ops = Ops("""[{"op":"copy","from":"/a","path":"/c"},{"op":"replace","path":"/a/b","value":"two"},{"op":"add","path":"/d","value":3}]""");

        var error = Assert.Throws<InvalidOperationException>(() => JsonPatch.Apply(doc, ops, value =>
        {
            seen.Add(value!.ToJsonString());
            if (seen.Count == 3)
            {
                throw new InvalidOperationException("over budget");
            }
        }));

        Assert.Equal("over budget", error.Message);
        Assert.Equal(["""{"b":1}""", "\"two\"", "3"], seen);
        Assert.Null(doc["d"]);
    }

    [Theory]
    [InlineData("""[1]""", "operation 1 is not a mapping")]
    [InlineData("""[{"op":"jump","path":"/a"}]""", "operation 1: unknown op 'jump'")]
    [InlineData("""[{"op":"add","value":1}]""", "operation 1 (add) has no 'path'")]
    [InlineData("""[{"op":"remove","path":"/a"},{"op":"move","path":"/a"}]""", "operation 2 (move) has no 'from'")]
    [InlineData("""[{"op":"test","path":"/a"}]""", "operation 1 (test) has no 'value'")]
    public void Parse_MalformedOperation_NamesIt(string patch, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Ops(patch));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Parse_MoreOperationsThanTheLimit_Refused()
    {
        var ops = JsonNode.Parse("""[{"op":"remove","path":"/a"},{"op":"remove","path":"/b"},{"op":"remove","path":"/c"}]""")!.AsArray();

        var error = Assert.Throws<FormatException>(() => JsonPatch.Parse(ops, maxOperations: 2));

        Assert.Equal("the JSON patch has 3 operations, more than the limit of 2", error.Message);
        Assert.Equal(10_000, JsonPatch.MaxOperations);
    }
}
