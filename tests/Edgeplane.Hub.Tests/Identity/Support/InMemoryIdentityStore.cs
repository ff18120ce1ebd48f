using Edgeplane.Hub.Identity;
using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>
/// An <see cref="IIdentityStore"/> held in process memory (one lock makes each method atomic), for tests and the
/// agent footprint benchmark (linked into Edgeplane.Agent.Tests and Edgeplane.Benchmarks). Nothing survives a restart.
/// The hub itself always runs the durable store.
/// </summary>
internal sealed class InMemoryIdentityStore : IIdentityStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BootstrapTokenRecord> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedCertificateRecord> _certificates = new(StringComparer.Ordinal);
    private readonly Dictionary<ClusterId, ClusterIdentityRecord> _clusters = [];

    /// <inheritdoc />
    public Task AddTokenAsync(BootstrapTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_lock)
        {
            if (!_tokens.TryAdd(token.Id, token))
            {
                throw new InvalidOperationException($"bootstrap token id '{token.Id}' exists already");
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<BootstrapTokenRecord?> FindTokenAsync(string tokenId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_tokens.GetValueOrDefault(tokenId));
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteEnrollmentAsync(
        string tokenId, IssuedCertificateRecord certificate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_lock)
        {
            if (!_tokens.TryGetValue(tokenId, out var token) || token.UsedAt is not null || token.ExpiresAt <= now
                || token.Cluster != certificate.Cluster)
            {
                return Task.FromResult(false);
            }
            _tokens[tokenId] = token with { UsedAt = now };
            _certificates.Add(certificate.Serial, certificate);
            _clusters[certificate.Cluster] = new ClusterIdentityRecord(certificate.Cluster, now);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<RenewalOutcome> RecordRenewalAsync(
        string renewedSerial, IssuedCertificateRecord certificate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_lock)
        {
            if (!_clusters.TryGetValue(certificate.Cluster, out var cluster) || cluster.RevokedAt is not null)
            {
                return Task.FromResult(RenewalOutcome.ClusterRevoked);
            }
            if (!_certificates.TryGetValue(renewedSerial, out var renewed) || renewed.Cluster != certificate.Cluster
                || renewed.RenewedAs is not null)
            {
                return Task.FromResult(RenewalOutcome.AlreadyRenewed);
            }
            _certificates[renewedSerial] = renewed with { RenewedAs = certificate.Serial, RenewedAt = now };
            _certificates.Add(certificate.Serial, certificate);
            return Task.FromResult(RenewalOutcome.Recorded);
        }
    }

    /// <inheritdoc />
    public Task<IssuedCertificateRecord?> FindCertificateAsync(string serial, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_certificates.GetValueOrDefault(serial));
        }
    }

    /// <inheritdoc />
    public Task<ClusterIdentityRecord?> FindClusterAsync(ClusterId cluster, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_clusters.GetValueOrDefault(cluster));
        }
    }

    /// <inheritdoc />
    public Task<ClusterRevocation> RevokeClusterAsync(
        ClusterId cluster, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var record = _clusters.GetValueOrDefault(cluster) ?? new ClusterIdentityRecord(cluster, null);
            _clusters[cluster] = record with { RevokedAt = now, RevocationReason = reason };
            var certificates = _certificates.Values.Where(c => c.Cluster == cluster && c.RevokedAt is null).ToList();
            foreach (var c in certificates)
            {
                _certificates[c.Serial] = c with { RevokedAt = now };
            }
            var tokens = _tokens.Values.Where(t => t.Cluster == cluster && t.UsedAt is null).ToList();
            foreach (var t in tokens)
            {
                _tokens[t.Id] = t with { UsedAt = now };
            }
            return Task.FromResult(new ClusterRevocation(cluster, now, certificates.Count, tokens.Count, 0));
        }
    }
}
