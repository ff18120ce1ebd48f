using System.Text.Json.Nodes;
using Edgeplane.Rendering.Kustomize;

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>
/// The small pieces on their own: hash, Go JSON strings, image references. Label selectors, JSON patch and strategic
/// merge are Edgeplane.ApiMachinery's, tested in Edgeplane.ApiMachinery.Tests.
/// </summary>
public sealed class KustomizePartsTests
{
    [Theory]
    [InlineData("ConfigMap", """{"a":"b"}""", "4h2mbtbbt6")]
    [InlineData("ConfigMap", """{"x":"y"}""", "6gc9d749f7")]
    public void Hash_ConfigMap_MatchesKustomize(string kind, string data, string expected)
    {
        var node = new JsonObject { ["apiVersion"] = "v1", ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = "any" }, ["data"] = JsonNode.Parse(data) };

        Assert.Equal(expected, NameHasher.Hash(node));
    }

    [Fact]
    public void Hash_NameAndLabels_DoNotChangeIt()
    {
        var a = new JsonObject { ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "one" }, ["data"] = new JsonObject { ["k"] = "v" } };
        var b = new JsonObject
        {
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "two", ["labels"] = new JsonObject { ["x"] = "y" } },
            ["data"] = new JsonObject { ["k"] = "v" },
        };

        Assert.Equal(NameHasher.Hash(a), NameHasher.Hash(b));
        b["data"]!["k"] = "w";
        Assert.NotEqual(NameHasher.Hash(a), NameHasher.Hash(b));
    }

    [Theory]
    [InlineData("<a&b>\u2028", "\"\\u003ca\\u0026b\\u003e\\u2028\"")]
    [InlineData("tab\there\nnul\u0001", "\"tab\\there\\nnul\\u0001\"")]
    [InlineData("quote\"back\\", "\"quote\\\"back\\\\\"")]
    public void GoJson_String_EscapedLikeGo(string text, string expected)
    {
        var sb = new System.Text.StringBuilder();
        GoJson.WriteString(sb, text);
        Assert.Equal(expected, sb.ToString());
    }

    [Theory]
    [InlineData("nginx", "nginx", "", "")]
    [InlineData("nginx:1.25", "nginx", "1.25", "")]
    [InlineData("registry:5000/team/app:v1", "registry:5000/team/app", "v1", "")]
    [InlineData("registry:5000/team/app", "registry:5000/team/app", "", "")]
    [InlineData("app@sha256:abc", "app", "", "sha256:abc")]
    [InlineData("app:1.0@sha256:abc", "app", "1.0", "sha256:abc")]
    public void ImageSplit_References_SplitLikeKustomize(string image, string name, string tag, string digest) =>
        Assert.Equal((name, tag, digest), ImageTransformer.Split(image));

    [Theory]
    [InlineData("nginx:1.0", "nginx", "", "2.0", "", "nginx:2.0")]
    [InlineData("nginx-alpine:1.0", "nginx", "", "2.0", "", null)]
    [InlineData("nginx:1.0@sha256:old", "nginx", "", "", "sha256:new", "nginx@sha256:new")]
    [InlineData("nginx:1.0", "nginx", "mirror/nginx", "", "", "mirror/nginx:1.0")]
    public void ImageRewrite_Spec_AppliesNameTagAndDigest(string value, string name, string newName, string newTag, string digest, string? expected) =>
        Assert.Equal(expected, ImageTransformer.Rewrite(value, new ImageSpec(name, newName, newTag, digest, default)));
}
