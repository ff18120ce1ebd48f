using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Cli.HubClient;

/// <summary>Writes an API answer as JSON, YAML (same fields) or a table drawn by the caller.</summary>
internal static class CliOutput
{
    public static async Task WriteAsync<T>(TextWriter output, string format, T value, Action<TextWriter> table)
    {
        switch (format)
        {
            case "json":
                await output.WriteLineAsync(JsonSerializer.Serialize(value, HubApiClient.Json)).ConfigureAwait(false);
                break;
            case "yaml":
                await output.WriteAsync(YamlWriter.Write(JsonSerializer.SerializeToNode(value, HubApiClient.Json))).ConfigureAwait(false);
                break;
            default:
                table(output);
                break;
        }
    }

    /// <summary><c>sha256:abcdef…</c> shortened to 12 hex characters for tables.</summary>
    public static string Short(string? digest) => digest switch
    {
        null => "-",
        _ when digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length > 19 => digest[..19],
        _ when digest.Length > 12 => digest[..12],
        _ => digest,
    };
}
