using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Reconcile;

/// <summary>Where bundles the cache lacks come from: the hub (<c>FetchBundle</c>). The result is verified and cached.</summary>
public interface IBundleSource
{
    /// <summary>Fetches, verifies and caches <paramref name="digest"/>; throws <see cref="ReconcileFailure"/> when it cannot.</summary>
    Task<byte[]> FetchAsync(BundleDigest digest, CancellationToken cancellationToken);
}
