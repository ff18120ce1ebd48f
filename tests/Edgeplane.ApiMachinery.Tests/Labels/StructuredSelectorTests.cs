using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Labels;

namespace Edgeplane.ApiMachinery.Tests.Labels;

/// <summary>The structured selector objects carry (matchLabels, matchExpressions), read as LabelSelectorAsSelector does.</summary>
public sealed class StructuredSelectorTests
{
    private static readonly Dictionary<string, string> ControlPlane = new()
    {
        ["kubernetes.io/hostname"] = "n1", ["node-role.kubernetes.io/control-plane"] = "true",
    };

    private static readonly Dictionary<string, string> Worker = new() { ["kubernetes.io/hostname"] = "n2", ["pool"] = "gpu" };

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]}""", true, false)]
    [InlineData("""{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"DoesNotExist"}]}""", false, true)]
    [InlineData("""{"matchLabels":{"pool":"gpu"}}""", false, true)]
    [InlineData("""{"matchExpressions":[{"key":"pool","operator":"In","values":["gpu","cpu"]}]}""", false, true)]
    [InlineData("""{"matchExpressions":[{"key":"pool","operator":"NotIn","values":["gpu"]}]}""", true, false)]
    [InlineData("""{"matchLabels":{"pool":"gpu"},"matchExpressions":[{"key":"kubernetes.io/hostname","operator":"In","values":["n1"]}]}""", false, false)]
    [InlineData("{}", true, true)]
    public void FromStructured_Matches(string selector, bool controlPlane, bool worker)
    {
        var parsed = LabelSelector.FromStructured(JsonNode.Parse(selector)!.AsObject());

        Assert.Equal((controlPlane, worker), (parsed.Matches(ControlPlane), parsed.Matches(Worker)));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Near"}]}""", "matchExpressions[0].operator \"Near\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In"}]}""", "matchExpressions[0]: values must be non-empty for operator In")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "matchExpressions[0]: values must be empty for operator Exists")]
    [InlineData("""{"matchExpressions":[{"operator":"Exists"}]}""", "matchExpressions[0].key must be a string")]
    [InlineData("""{"matchExpressions":["a"]}""", "matchExpressions[0] must be an object with key and operator")]
    [InlineData("""{"matchLabels":{"pool":3}}""", "matchLabels.pool must be a string")]
    public void FromStructured_Malformed_NamesTheEntry(string selector, string message)
    {
        var error = Assert.Throws<LabelSelectorException>(() => LabelSelector.FromStructured(JsonNode.Parse(selector)!.AsObject()));

        Assert.Equal(message, error.Message);
    }
}
