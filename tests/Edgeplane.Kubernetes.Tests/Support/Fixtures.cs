using System.Text.Json.Nodes;

namespace Edgeplane.Kubernetes.Tests.Support;

/// <summary>Small objects built in code, and bundles read from testdata/*.json.</summary>
public static class Fixtures
{
    public static JsonObject Namespace(string name) => Parse($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""");

    public static JsonObject ConfigMap(string ns, string name, string key = "key", string value = "value") =>
        Parse($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"data":{"{{{key}}}":"{{{value}}}"}}""");

    public static JsonObject Deployment(string ns, string name, int replicas = 2, string image = "nginx:1.27") =>
        Parse($$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},
         "spec":{"replicas":{{{replicas}}},"selector":{"matchLabels":{"app":"{{{name}}}"}},
          "template":{"metadata":{"labels":{"app":"{{{name}}}"}},"spec":{"containers":[{"name":"app","image":"{{{image}}}"}]} } } }
        """);

    /// <summary>A JSON array of objects from testdata/<paramref name="file"/>.</summary>
    public static JsonObject[] Load(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", file));
        return JsonNode.Parse(text)!.AsArray().Select(n => n!.AsObject()).ToArray();
    }

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
