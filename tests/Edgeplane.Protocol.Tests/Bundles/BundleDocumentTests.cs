using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Protocol.Tests.Bundles;

/// <summary>
/// The one bundle parser. Its rules are the agent's former parser's (the stricter of the two); the hub's former reader
/// also took a bare array or a top-level "objects" array and skipped non-object items, which are refused now.
/// </summary>
public sealed class BundleDocumentTests
{
    private static JsonObject Valid() => new()
    {
        ["apiVersion"] = "edgeplane.dev/v1alpha1",
        ["kind"] = "Bundle",
        ["metadata"] = new JsonObject { ["name"] = "edge-1" },
        ["spec"] = new JsonObject
        {
            ["drift"] = "report",
            ["objects"] = new JsonArray(
                JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"web"}}"""),
                JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"web"},"data":{"k":"v"}}""")),
            ["prune"] = false,
            ["revision"] = "abc123",
            ["futureOption"] = 1,
        },
    };

    // Deep enough to write the documents of the depth test (the serializer's own default stops at 64).
    private static readonly JsonSerializerOptions Writer = new() { MaxDepth = 256 };

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(Writer));

    private static string Refused(JsonNode node) => Refused(Bytes(node));

    private static string Refused(byte[] bytes) => Assert.Throws<BundleFormatException>(() => BundleDocument.Parse(bytes)).Message;

    [Fact]
    public void Parse_FullDocument_ReadsEveryField_UnknownFieldsAccepted()
    {
        var document = BundleDocument.Parse(Bytes(Valid()));

        Assert.Equal(("edge-1", BundleDrift.Report, false, "abc123"), (document.Name, document.Drift, document.Prune, document.Revision));
        Assert.Equal(["Namespace", "ConfigMap"], document.Objects.Select(o => (string?)o["kind"]));
        Assert.Equal("v", (string?)document.Objects[1]["data"]!["k"]);
    }

    [Fact]
    public void Parse_OptionalSpecFieldsAbsent_Defaults()
    {
        var json = Valid();
        var spec = json["spec"]!.AsObject();
        spec.Remove("drift");
        spec.Remove("prune");
        spec.Remove("revision");

        var document = BundleDocument.Parse(Bytes(json));

        Assert.Equal((BundleDrift.Correct, true, "unversioned"), (document.Drift, document.Prune, document.Revision));
    }

    [Theory]
    [InlineData("apiVersion", "edgeplane.dev/v2", "bundle apiVersion is 'edgeplane.dev/v2', expected 'edgeplane.dev/v1alpha1'")]
    [InlineData("kind", "List", "bundle kind is 'List', expected 'Bundle'")]
    [InlineData("kind", null, "bundle kind is '(missing)', expected 'Bundle'")]
    public void Parse_WrongHeader_RefusedNamingTheField(string field, string? value, string message)
    {
        var json = Valid();
        json[field] = value;

        Assert.Equal(message, Refused(json));
    }

    [Fact]
    public void Parse_MetadataNameNotAString_Refused()
    {
        var json = Valid();
        json["metadata"]!["name"] = 7;

        Assert.Equal("bundle metadata.name is missing or not a string", Refused(json));
    }

    [Fact]
    public void Parse_SpecMissing_Refused()
    {
        var json = Valid();
        json.Remove("spec");

        Assert.Equal("bundle spec is missing or not an object", Refused(json));
    }

    [Theory]
    [InlineData("drift", "\"ignore\"", "bundle spec.drift is 'ignore'; it must be 'correct' or 'report'")]
    [InlineData("prune", "\"yes\"", "bundle spec.prune must be true or false")]
    [InlineData("objects", "{}", "bundle spec.objects is missing or not an array")]
    [InlineData("objects", "[{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a\"}},3]", "bundle spec.objects[1] is not a JSON object")]
    [InlineData("objects", "[{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}]", "bundle spec.objects[0]: object ConfigMap b has no apiVersion")]
    [InlineData("objects", "[{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"b\"}}]", "bundle spec.objects[0]: object <no kind> b has no kind")]
    [InlineData("objects", "[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"namespace\":\"x\"}}]", "bundle spec.objects[0]: object ConfigMap <no name> has no metadata.name")]
    public void Parse_BadSpecField_RefusedNamingTheField(string field, string value, string message)
    {
        var json = Valid();
        json["spec"]![field] = JsonNode.Parse(value);

        Assert.Equal(message, Refused(json));
    }

    [Theory]
    [InlineData("""[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}]""", "bundle must be a JSON object")]
    [InlineData("""{"objects":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}]}""", "bundle apiVersion is '(missing)', expected 'edgeplane.dev/v1alpha1'")]
    [InlineData("""{"spec":{"objects":[]}}""", "bundle apiVersion is '(missing)', expected 'edgeplane.dev/v1alpha1'")]
    public void Parse_ShapesTheHubOnceTook_Refused(string json, string message)
    {
        Assert.Equal(message, Refused(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Parse_NotJson_RefusedWithLineAndByte()
    {
        var message = Refused(Encoding.UTF8.GetBytes("{\"apiVersion\":\n  \"x\",, }"));

        Assert.StartsWith("bundle is not valid JSON at line 2, byte 7: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ObjectAtTheDepthLimit_Accepted_OneDeeper_Refused()
    {
        Assert.Equal(64, ProtocolLimits.MaxObjectDepth);
        Assert.Equal(67, BundleDocument.MaxDepth);

        var atLimit = BundleDocument.Parse(Bytes(WithNestedObject(ProtocolLimits.MaxObjectDepth)));
        var message = Refused(Bytes(WithNestedObject(ProtocolLimits.MaxObjectDepth + 1)));

        Assert.Single(atLimit.Objects);
        Assert.StartsWith("bundle is not valid JSON at line 1, byte ", message, StringComparison.Ordinal);
        Assert.Contains("depth", message, StringComparison.OrdinalIgnoreCase);
    }

    // An object whose own nesting is `depth` levels (the object itself is level 1).
    private static JsonObject WithNestedObject(int depth)
    {
        var obj = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "deep" } };
        var current = obj["metadata"]!.AsObject();
        for (var level = 3; level <= depth; level++)
        {
            var next = new JsonObject();
            current["n"] = next;
            current = next;
        }
        var json = Valid();
        json["spec"]!["objects"] = new JsonArray(obj);
        return json;
    }
}
