using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// The 10-character name suffix kustomize appends to generated ConfigMaps and Secrets: SHA-256 over the JSON of
/// <c>{kind, name, data[, binaryData]}</c> (Secrets: <c>{kind, type, name, data[, stringData]}</c>) exactly as Go's
/// <c>encoding/json</c> writes it (sorted keys, HTML-escaped strings), first 10 hex digits with 0,1,3,a,e replaced
/// by g,h,k,m,t so the suffix never looks like a number or a word. Re-encoded from kustomize's <c>api/hasher</c>.
/// </summary>
internal static class NameHasher
{
    public static string Hash(JsonObject node)
    {
        var kind = ObjectFields.GetString(node, "kind");
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["kind"] = kind,
            // kustomize looks the name up as one key "metadata/name", which never exists: the name is always "".
            ["name"] = "",
            ["data"] = node["data"] as JsonObject ?? (JsonNode)"",
        };
        if (kind == "Secret")
        {
            fields["type"] = ObjectFields.ScalarText(node["type"]) ?? "";
            if (node["stringData"] is JsonObject stringData)
            {
                fields["stringData"] = stringData;
            }
        }
        else if (node["binaryData"] is JsonObject binaryData)
        {
            fields["binaryData"] = binaryData;
        }
        var json = new StringBuilder(256);
        GoJson.WriteObject(json, fields);
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToString())));
        return Encode(hex);
    }

    private static string Encode(string hex)
    {
        var chars = hex.AsSpan(0, 10).ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '0' => 'g',
                '1' => 'h',
                '3' => 'k',
                'a' => 'm',
                'e' => 't',
                var c => c,
            };
        }
        return new string(chars);
    }
}
