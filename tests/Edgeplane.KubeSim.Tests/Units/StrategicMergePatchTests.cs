using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Patching;

namespace Edgeplane.KubeSim.Tests.Units;

public sealed class StrategicMergePatchTests
{
    private static readonly ResourceType Deployment = ResourceCatalog.Builtin.FindKind("apps", "Deployment")!;

    [Fact]
    public void Apply_EnvByName_MergesAndFinalizersUnion()
    {
        var target = JsonNode.Parse("""
            {"metadata":{"finalizers":["a"]},"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}}}}
            """);
        var patch = JsonNode.Parse("""
            {"metadata":{"finalizers":["b"]},"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"Y","value":"3"}]}]}}}}
            """);

        var result = StrategicMergePatch.Apply(target, patch, Deployment.Schema)!;

        Assert.Equal("""["a","b"]""", result["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""[{"name":"X","value":"1"},{"name":"Y","value":"3"}]""",
            result["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.ToJsonString());
    }

    [Fact]
    public void Apply_ReplaceDirective_ReplacesMap()
    {
        var target = JsonNode.Parse("""{"spec":{"selector":{"matchLabels":{"a":"1","b":"2"}}}}""");
        var patch = JsonNode.Parse("""{"spec":{"selector":{"$patch":"replace","matchLabels":{"c":"3"}}}}""");

        var result = StrategicMergePatch.Apply(target, patch, Deployment.Schema)!;

        Assert.Equal("""{"matchLabels":{"c":"3"}}""", result["spec"]!["selector"]!.ToJsonString());
    }
}
