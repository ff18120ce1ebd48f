using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Objects;
using k8s.Autorest;

namespace Edgeplane.Kubernetes.Api;

internal sealed partial class KubeApi
{
    /// <summary>Reads the Kubernetes Status body (reason, message, causes) and the Retry-After header of a failed call.</summary>
    internal static KubeApiException Translate(string verb, ObjectRef? obj, HttpOperationException ex, DateTimeOffset now)
    {
        var response = ex.Response;
        var status = response is null ? 0 : (int)response.StatusCode;
        var body = ParseStatus(response?.Content);
        var reason = ObjectJson.Str(body, "reason") is { Length: > 0 } r ? r : ReasonFor(response?.StatusCode);
        var message = ObjectJson.Str(body, "message") is { Length: > 0 } m ? m : response?.ReasonPhrase ?? ex.Message;
        var details = ObjectJson.Path(body, "details");
        var causes = (details?["causes"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(c => (Reason: ObjectJson.Str(c, "reason"), Text: DescribeCause(c)))
            .ToList();
        var retryAfter = RetryAfterHeader(response, now) ?? SecondsOrNull(ObjectJson.Long(details, "retryAfterSeconds"));
        return new KubeApiException(verb, obj, status, reason, message, causes.Select(c => c.Text).ToList(), retryAfter, ex)
        {
            IsFieldManagerConflict = status == 409 && causes.Any(c => c.Reason == "FieldManagerConflict"),
        };
    }

    private static JsonObject? ParseStatus(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(content) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string DescribeCause(JsonObject cause)
    {
        var field = ObjectJson.Str(cause, "field");
        var message = ObjectJson.Str(cause, "message") ?? ObjectJson.Str(cause, "reason") ?? "";
        return string.IsNullOrEmpty(field) ? message : $"{field}: {message}";
    }

    private static TimeSpan? RetryAfterHeader(HttpResponseMessageWrapper? response, DateTimeOffset now)
    {
        var values = response?.Headers?
            .FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value;
        var text = values?.FirstOrDefault();
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        // The HTTP-date form: wait until then (never negative).
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? Max(when - now, TimeSpan.Zero)
            : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan? SecondsOrNull(long? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private static string ReasonFor(HttpStatusCode? code) => code switch
    {
        null => KubeApiException.Reasons.Unknown,
        HttpStatusCode.TooManyRequests => "TooManyRequests",
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        HttpStatusCode.GatewayTimeout => "Timeout",
        _ => code.Value.ToString(),
    };
}
