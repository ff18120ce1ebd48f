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
/// In three steps: <see cref="CheckHeaders"/> before the body is read, <see cref="DigestAsync"/> while it is read (in
/// chunks, never held whole: a forged but well-formed signature header costs the hub no buffer), then <see cref="Verify"/>. Comparisons are constant-time. A replay is recognised by what is signed — the
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
    /// After <see cref="CheckHeaders"/> passed: reads <paramref name="body"/> in 16 KiB chunks into the HMAC (GitHub,
    /// Gitea) and the SHA-256 of the replay key; null when it is longer than <paramref name="maxBytes"/>.
    /// </summary>
    public async Task<WebhookDigests?> DigestAsync(string provider, Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var hmac = provider == "gitlab" ? null : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(options.WebhookSecret!));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if ((total += read) > maxBytes)
            {
                return null;
            }
            hmac?.AppendData(chunk, 0, read);
            sha.AppendData(chunk, 0, read);
        }
        return new WebhookDigests(hmac?.GetHashAndReset(), sha.GetHashAndReset());
    }

    /// <summary>
    /// The signature over the body (GitHub, Gitea), then the replay check. <paramref name="firstSeen"/> is when an equal
    /// delivery was accepted, for a replay.
    /// </summary>
    public WebhookVerdict Verify(string provider, IHeaderDictionary headers, WebhookDigests body, out DateTimeOffset firstSeen)
    {
        firstSeen = default;
        var (signature, prefix, _) = Headers(provider);
        if (provider != "gitlab" && !CheckHmac(headers[signature].ToString()[prefix.Length..], body.Hmac!))
        {
            return WebhookVerdict.BadSignature;
        }
        var key = provider + ":" + Convert.ToHexStringLower(body.Sha256);
        return replays.TryRemember(key, out firstSeen) ? WebhookVerdict.Accepted : WebhookVerdict.Replayed;
    }

    private static (string Signature, string Prefix, string Delivery) Headers(string provider) => provider switch
    {
        "github" => ("X-Hub-Signature-256", "sha256=", "X-GitHub-Delivery"),
        "gitea" => ("X-Gitea-Signature", "", "X-Gitea-Delivery"),
        "gitlab" => ("X-Gitlab-Token", "", "X-Gitlab-Event-UUID"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown webhook provider"),
    };

    private static bool CheckHmac(string hex, byte[] expected)
    {
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
