using System.Buffers.Text;
using System.Text.Json;

namespace Edgeplane.Cli.HubClient;

/// <summary>The tokens an issuer's token endpoint answered with: the id_token the hub takes, the refresh token, and the id_token's expiry.</summary>
internal sealed record OidcTokens(string IdToken, string? RefreshToken, DateTimeOffset ExpiresAt)
{
    /// <summary>Reads a successful token answer (RFC 6749 §5.1 with OpenID Connect's <c>id_token</c>).</summary>
    public static OidcTokens Read(JsonElement answer, string clientId, string? previousRefreshToken = null)
    {
        if (!answer.TryGetProperty("id_token", out var idToken) || idToken.ValueKind != JsonValueKind.String)
        {
            throw new HubClientException($"the issuer answered without an id_token: may client '{clientId}' use the 'openid' scope?");
        }
        var refresh = answer.TryGetProperty("refresh_token", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : previousRefreshToken;
        return new OidcTokens(idToken.GetString()!, refresh, Expiry(idToken.GetString()!));
    }

    /// <summary>The <c>exp</c> of a JWT, read without checking it: the hub checks the token, the CLI only needs to know when to refresh.</summary>
    private static DateTimeOffset Expiry(string jwt)
    {
        var parts = jwt.Split('.');
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts.Length == 3 ? parts[1] : ""));
            return DateTimeOffset.FromUnixTimeSeconds(payload.RootElement.GetProperty("exp").GetInt64());
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new HubClientException("the issuer's id_token is not a JWT with an expiry (exp)");
        }
    }
}
