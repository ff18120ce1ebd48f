using System.Net;
using System.Text.Json;

namespace Edgeplane.Cli.HubClient;

/// <summary>The endpoints of an issuer's discovery document the CLI uses, and the form posts it makes to them.</summary>
internal sealed record OidcEndpoints(Uri Token, Uri? DeviceAuthorization)
{
    public static async Task<OidcEndpoints> DiscoverAsync(HttpClient http, Uri issuer, CancellationToken ct)
    {
        var address = new Uri(issuer.ToString().TrimEnd('/') + "/.well-known/openid-configuration");
        JsonElement document;
        try
        {
            using var response = await http.GetAsync(address, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            document = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new HubClientException($"could not read the issuer's discovery document {address}: {e.Message}", transient: true);
        }
        var named = document.TryGetProperty("issuer", out var i) ? i.GetString() : null;
        if (!string.Equals(named?.TrimEnd('/'), issuer.ToString().TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new HubClientException($"the discovery document at {address} names issuer '{named}', not '{issuer}'");
        }
        return new OidcEndpoints(Endpoint(document, "token_endpoint", issuer) ?? throw new HubClientException($"the discovery document at {address} has no token_endpoint"),
            Endpoint(document, "device_authorization_endpoint", issuer));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(HttpClient http, Uri endpoint,
        IEnumerable<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await http.PostAsync(endpoint, content, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return (response.StatusCode, body.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(body));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new HubClientException($"the issuer's endpoint {endpoint} failed: {e.Message}", transient: true);
        }
    }

    /// <summary>The OAuth <c>error</c> code of an error answer (RFC 6749 §5.2), or empty.</summary>
    public static string ErrorCode(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";

    /// <summary>The error code and description, for a message.</summary>
    public static string Error(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String
            ? $"{ErrorCode(answer)}: {d.GetString()}"
            : ErrorCode(answer) is { Length: > 0 } code ? code : "no OAuth error in the answer";

    private static Uri? Endpoint(JsonElement document, string name, Uri issuer)
    {
        if (!document.TryGetProperty(name, out var value) || value.GetString() is not { } text)
        {
            return null;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || (uri.Scheme == "http" && issuer.IsLoopback))
            ? uri
            : throw new HubClientException($"the issuer's {name} '{text}' must be an https URL");
    }
}
