using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>The opaque continue token of a paged list: the list's resourceVersion and the last key returned.</summary>
internal static class ContinueToken
{
    public static string Encode(long resourceVersion, string lastKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = lastKey + "\u0000" }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="ApiException">400 when the token is not one of ours.</exception>
    public static (long ResourceVersion, string AfterKey) Decode(string token)
    {
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(b64)))!;
            var start = json["start"]!.GetValue<string>();
            return (json["rv"]!.GetValue<long>(), start.TrimEnd('\u0000'));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"invalid continue token \"{token}\": {ex.Message}");
        }
    }

    public static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);
}
