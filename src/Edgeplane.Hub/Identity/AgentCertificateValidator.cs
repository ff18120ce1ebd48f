using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// Decides whether a client certificate is an agent of this hub. Two levels:
/// <see cref="ValidateChain"/> runs in the TLS handshake (chain to the hub CA only, time, clientAuth), and
/// <see cref="AuthenticateAsync"/> runs for every RPC (chain again, exact CN, issued serial, not revoked). The per-RPC
/// check matters: an HTTP/2 connection outlives revocations and expiries, and new streams on it must see them.
/// </summary>
internal sealed class AgentCertificateValidator(HubCertificateAuthority ca, IIdentityStore store, TimeProvider time)
{
    /// <summary>Most certificates whose chain result is remembered; the memo is cleared when it is full.</summary>
    public const int MaxRememberedChains = 65_536;

    // Chain building costs about a millisecond here; a certificate's chain to the fixed hub CA cannot change, only
    // time can, and time is checked on every call. Keyed by the certificate's sha256.
    private readonly ConcurrentDictionary<string, bool> _verifiedChains = new(StringComparer.Ordinal);

    /// <summary>
    /// Checks that the certificate is valid at the hub's current time, and that its chain — built against the hub CA
    /// alone, the system store never consulted — carries the clientAuth usage and ends in a non-CA leaf signed
    /// directly by the hub CA. Returns null when valid, otherwise the reason.
    /// </summary>
    public string? ValidateChain(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = time.GetUtcNow();
        var (notBefore, notAfter) = (certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        if (now.UtcDateTime < notBefore || now.UtcDateTime >= notAfter)
        {
            return $"certificate '{certificate.Subject}' is not valid at {now:u} (valid from {notBefore:u} to {notAfter:u})";
        }
        var key = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        if (_verifiedChains.ContainsKey(key))
        {
            return null;
        }
        var error = BuildChain(certificate, now);
        if (error is null)
        {
            if (_verifiedChains.Count >= MaxRememberedChains)
            {
                _verifiedChains.Clear();
            }
            _verifiedChains.TryAdd(key, true);
        }
        return error;
    }

    /// <summary>
    /// The chain policy of an agent certificate: the hub CA as the only root (the system store is never consulted), no
    /// downloads, no revocation lists (revocation is the hub's own record), the clientAuth usage. A new one per call,
    /// as a chain or an <c>SslStream</c> may change the policy it is given. Given to the TLS handshake too, so the chain
    /// SslStream builds before <see cref="ValidateChain"/> runs does not search the system trust store either.
    /// </summary>
    public X509ChainPolicy ChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(ca.Certificate);
        policy.ApplicationPolicy.Add(HubCertificateAuthority.ClientAuth);
        return policy;
    }

    private string? BuildChain(X509Certificate2 certificate, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy = ChainPolicy();
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return $"certificate '{certificate.Subject}' is not valid for this hub ({status})";
        }
        var leafIsCa = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
        if (chain.ChainElements.Count != 2 || leafIsCa || !chain.ChainElements[1].Certificate.RawDataMemory.Span
                .SequenceEqual(ca.Certificate.RawDataMemory.Span))
        {
            return $"certificate '{certificate.Subject}' is not an agent certificate issued by this hub's CA";
        }
        return null;
    }

    /// <summary>
    /// Authenticates the client certificate of one RPC. Throws <see cref="IdentityException"/>:
    /// <see cref="IdentityError.CertificateRequired"/> without a certificate,
    /// <see cref="IdentityError.CertificateRejected"/> for a bad chain, subject or unknown serial,
    /// <see cref="IdentityError.ClusterRevoked"/> when the certificate or its cluster was revoked.
    /// </summary>
    public async Task<AgentPeer> AuthenticateAsync(X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        if (certificate is null)
        {
            throw new IdentityException(IdentityError.CertificateRequired,
                "this call needs the agent's client certificate; enrol first with a bootstrap token");
        }
        if (ValidateChain(certificate) is { } chainError)
        {
            throw new IdentityException(IdentityError.CertificateRejected, chainError);
        }
        var cluster = ClusterOf(certificate);
        return await CheckRecordAsync(cluster, certificate.SerialNumber, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks again that an authenticated peer's certificate and cluster are still on record and not revoked
    /// (used after registering a live stream, to close the race with a concurrent revocation).
    /// </summary>
    public Task RecheckAsync(AgentPeer peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return CheckRecordAsync(peer.Cluster, peer.Serial, cancellationToken);
    }

    private async Task<AgentPeer> CheckRecordAsync(ClusterId cluster, string serial, CancellationToken cancellationToken)
    {
        var issued = await store.FindCertificateAsync(serial, cancellationToken).ConfigureAwait(false);
        if (issued is null || issued.Cluster != cluster)
        {
            throw new IdentityException(IdentityError.CertificateRejected,
                $"certificate {serial} for cluster '{cluster}' is not on record at this hub");
        }
        var record = await store.FindClusterAsync(cluster, cancellationToken).ConfigureAwait(false);
        if ((issued.RevokedAt ?? record?.RevokedAt) is { } revokedAt)
        {
            throw new IdentityException(IdentityError.ClusterRevoked,
                $"the certificate of cluster '{cluster}' was revoked at {revokedAt:u}; enrol again with a new bootstrap token");
        }
        return new AgentPeer(cluster, issued.Serial, issued.NotBefore, issued.NotAfter);
    }

    /// <summary>
    /// The cluster id of an agent certificate: the subject must be exactly one RDN, a single CN, holding a valid
    /// cluster id. Anything else (extra RDNs, multi-valued RDNs, an O or OU) is rejected rather than interpreted.
    /// </summary>
    public static ClusterId ClusterOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var rdns = certificate.SubjectName.EnumerateRelativeDistinguishedNames().ToList();
        if (rdns is not [{ HasMultipleElements: false } rdn] || rdn.GetSingleElementType().Value != "2.5.4.3")
        {
            throw new IdentityException(IdentityError.CertificateRejected,
                $"certificate subject '{certificate.Subject}' must be exactly CN=<cluster id>");
        }
        if (!ClusterId.TryParse(rdn.GetSingleElementValue(), out var cluster, out var error))
        {
            throw new IdentityException(IdentityError.CertificateRejected, $"certificate subject: {error}");
        }
        return cluster;
    }
}
