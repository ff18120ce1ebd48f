using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.Hub.Sources.Webhooks;

/// <summary>
/// Checks a webhook delivery the way each forge signs it:
/// GitHub <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>;
/// Gitea <c>X-Gitea-Signature: &lt;hex HMAC-SHA256 of the body&gt;</c>;
/// GitLab <c>X-Gitlab-Token: &lt;the secret itself&gt;</c> (a shared secret, not a signature: GitLab signs nothing).
/// In two steps: <see cref="CheckHeaders"/> before the body is read (so an unsigned request costs no buffering), then
/// <see cref="Verify"/> over the body. Comparisons are constant-time. A replay is recognised by what is signed — the
/// sha256 of the body, per provider — within the replay window; the delivery-id header is required but not trusted,
/// since anyone can change it. GitLab's token covers no body, so a GitLab replay is recognised by the body hash alone.
/// </summary>
internal sealed class WebhookVerifier(HubOptions options, DeliveryReplayCache replays)
{
    public static readonly string[] Providers = ["github", "gitea", "gitlab"];

    private const int HmacHexLength = 64;

    /// <summary>
    /// What the headers alone decide: webhooks enabled, the provider's signature header present and well-formed
    /// (GitLab's token checked in full), a delivery id. Null when the body is to be read and <see cref="Verify"/>d.
    /// </summary>
    public WebhookVerdict? CheckHeaders(string provider, IHeaderDictionary headers)
    {
        if (options.WebhookSecret is not { Length: > 0 } secret)
        {
            return WebhookVerdict.Disabled;
        }
        var (signature, prefix, deliveryHeader) = Headers(provider);
        string? given = headers[signature];
        if (string.IsNullOrEmpty(given))
        {
            return WebhookVerdict.Unsigned;
        }
        var wellFormed = provider == "gitlab"
            ? FixedTimeEquals(given, secret)
            : given.Length == prefix.Length + HmacHexLength && given.StartsWith(prefix, StringComparison.Ordinal);
        if (!wellFormed)
        {
            return WebhookVerdict.BadSignature;
        }
        string? delivery = headers[deliveryHeader];
        return string.IsNullOrWhiteSpace(delivery) || delivery.Length > 128 ? WebhookVerdict.NoDeliveryId : null;
    }

    /// <summary>
    /// After <see cref="CheckHeaders"/> passed: the signature over <paramref name="body"/> (GitHub, Gitea), then the
    /// replay check. <paramref name="firstSeen"/> is when an equal delivery was accepted, for a replay.
    /// </summary>
    public WebhookVerdict Verify(string provider, IHeaderDictionary headers, ReadOnlySpan<byte> body, out DateTimeOffset firstSeen)
    {
        firstSeen = default;
        var (signature, prefix, _) = Headers(provider);
        if (provider != "gitlab" && !CheckHmac(headers[signature].ToString()[prefix.Length..], options.WebhookSecret!, body))
        {
            return WebhookVerdict.BadSignature;
        }
        var key = provider + ":" + Convert.ToHexStringLower(SHA256.HashData(body));
        return replays.TryRemember(key, out firstSeen) ? WebhookVerdict.Accepted : WebhookVerdict.Replayed;
    }

    private static (string Signature, string Prefix, string Delivery) Headers(string provider) => provider switch
    {
        "github" => ("X-Hub-Signature-256", "sha256=", "X-GitHub-Delivery"),
        "gitea" => ("X-Gitea-Signature", "", "X-Gitea-Delivery"),
        "gitlab" => ("X-Gitlab-Token", "", "X-Gitlab-Event-UUID"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown webhook provider"),
    };

    private static bool CheckHmac(string hex, string secret, ReadOnlySpan<byte> body)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        var given = new byte[expected.Length];
        for (var i = 0; i < given.Length; i++)
        {
            if (!byte.TryParse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out given[i]))
            {
                return false;
            }
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static bool FixedTimeEquals(string given, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(secret));
}
