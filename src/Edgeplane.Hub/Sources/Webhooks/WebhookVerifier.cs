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
/// Comparisons are constant-time. The delivery id must be present and not seen within the replay window.
/// </summary>
internal sealed class WebhookVerifier(HubOptions options, DeliveryReplayCache replays)
{
    public static readonly string[] Providers = ["github", "gitea", "gitlab"];

    public WebhookVerdict Verify(string provider, IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        if (options.WebhookSecret is not { Length: > 0 } secret)
        {
            return WebhookVerdict.Disabled;
        }
        var (authentic, deliveryHeader) = provider switch
        {
            "github" => (CheckHmac(headers["X-Hub-Signature-256"], "sha256=", secret, body), "X-GitHub-Delivery"),
            "gitea" => (CheckHmac(headers["X-Gitea-Signature"], "", secret, body), "X-Gitea-Delivery"),
            "gitlab" => (CheckToken(headers["X-Gitlab-Token"], secret), "X-Gitlab-Event-UUID"),
            _ => ((bool?)null, ""),
        };
        if (deliveryHeader.Length == 0)
        {
            return WebhookVerdict.UnknownProvider;
        }
        if (authentic is null)
        {
            return WebhookVerdict.Unsigned;
        }
        if (authentic == false)
        {
            return WebhookVerdict.BadSignature;
        }
        string? delivery = headers[deliveryHeader];
        if (string.IsNullOrWhiteSpace(delivery) || delivery.Length > 128)
        {
            return WebhookVerdict.NoDeliveryId;
        }
        return replays.TryRemember($"{provider}:{delivery}") ? WebhookVerdict.Accepted : WebhookVerdict.Replayed;
    }

    /// <summary>null when the header is missing, else whether the signature matches.</summary>
    private static bool? CheckHmac(string? header, string prefix, string secret, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        var hex = header[prefix.Length..];
        if (hex.Length != expected.Length * 2)
        {
            return false;
        }
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

    private static bool? CheckToken(string? header, string secret) =>
        string.IsNullOrEmpty(header) ? null
            : CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(secret));
}
