using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Api;

/// <summary>Writes JSON answers and Status failures.</summary>
internal static class Responses
{
    public const string JsonType = "application/json";

    public static Task WriteAsync(HttpContext context, int status, byte[] body, IEnumerable<string>? warnings = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonType;
        context.Response.ContentLength = body.Length;
        foreach (var warning in warnings ?? [])
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static Task WriteAsync(HttpContext context, int status, JsonNode body) =>
        WriteAsync(context, status, JsonUtil.ToBytes(body));

    public static Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        if (error.RetryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return WriteAsync(context, error.Code, StatusWriter.Failure(error));
    }
}
