using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Api;

/// <summary>Reads a bounded request body and decodes it by Content-Type (JSON, YAML, the patch types).</summary>
internal static class RequestBody
{
    private static readonly string[] ObjectTypes = ["application/json", "application/yaml"];
    private static readonly string[] PatchTypes =
        ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];
    private static readonly string[] CustomPatchTypes =
        ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];

    public static async Task<JsonObject> ReadObjectAsync(HttpContext context, long limit)
    {
        var mediaType = MediaType(context);
        if (mediaType is not ("" or "application/json" or "application/yaml" or "*/*"))
        {
            throw ApiException.UnsupportedMediaType(mediaType, ObjectTypes);
        }
        var node = Decode(await ReadAsync(context, limit), yaml: mediaType == "application/yaml");
        return node as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");
    }

    public static async Task<(PatchKind Kind, JsonNode? Patch)> ReadPatchAsync(HttpContext context, long limit, bool isCustom)
    {
        var mediaType = MediaType(context);
        PatchKind kind = mediaType switch
        {
            "application/json-patch+json" => PatchKind.Json,
            "application/merge-patch+json" => PatchKind.Merge,
            "application/strategic-merge-patch+json" when !isCustom => PatchKind.Strategic,
            "application/apply-patch+yaml" => PatchKind.Apply,
            _ => throw ApiException.UnsupportedMediaType(mediaType, isCustom ? CustomPatchTypes : PatchTypes),
        };
        var bytes = await ReadAsync(context, limit);
        var trimmed = Encoding.UTF8.GetString(bytes).TrimStart();
        var yaml = kind == PatchKind.Apply && !trimmed.StartsWith('{');
        return (kind, Decode(bytes, yaml));
    }

    private static string MediaType(HttpContext context) =>
        (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();

    private static async Task<byte[]> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            throw ApiException.TooLarge(limit);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw ApiException.TooLarge(limit);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static JsonNode? Decode(byte[] bytes, bool yaml)
    {
        try
        {
            return yaml ? YamlJson.Parse(Encoding.UTF8.GetString(bytes)) : JsonUtil.Parse(bytes);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw ApiException.BadRequest($"the request body could not be decoded: {ex.Message}");
        }
    }
}
