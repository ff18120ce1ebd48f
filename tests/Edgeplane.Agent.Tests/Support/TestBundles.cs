using System.Text;
using System.Text.Json.Nodes;

namespace Edgeplane.Agent.Tests.Support;

/// <summary>Bundle documents in the documented format (docs/rendering.md, "The bundle document") and small objects.</summary>
public static class TestBundles
{
    public static byte[] Build(string cluster, IEnumerable<JsonObject> objects, string drift = "correct", bool prune = true, string revision = "rev-1")
    {
        var document = new JsonObject
        {
            ["apiVersion"] = "edgeplane.dev/v1alpha1",
            ["kind"] = "Bundle",
            ["metadata"] = new JsonObject { ["name"] = cluster },
            ["spec"] = new JsonObject
            {
                ["drift"] = drift,
                ["objects"] = new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()),
                ["prune"] = prune,
                ["revision"] = revision,
            },
        };
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    public static JsonObject Namespace(string name) =>
        Parse($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""");

    public static JsonObject ConfigMap(string ns, string name, string value = "v1") =>
        Parse($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"data":{"key":"{{{value}}}"}}""");

    public static JsonObject Deployment(string ns, string name, int replicas = 1, string image = "nginx:1.27") =>
        Parse($$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},
         "spec":{"replicas":{{{replicas}}},"selector":{"matchLabels":{"app":"{{{name}}}"}},
          "template":{"metadata":{"labels":{"app":"{{{name}}}"}},"spec":{"containers":[{"name":"app","image":"{{{image}}}"}]} } } }
        """);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
