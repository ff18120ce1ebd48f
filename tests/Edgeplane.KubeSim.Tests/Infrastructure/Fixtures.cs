using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>Reads test manifests from testdata/ (JSON for the client, YAML for kubectl).</summary>
public static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();
}
