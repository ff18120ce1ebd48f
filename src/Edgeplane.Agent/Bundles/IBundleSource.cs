using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Bundles;

/// <summary>Where bundles the cache lacks come from: the hub (<c>FetchBundle</c>). The result is verified and cached.</summary>
public interface IBundleSource
{
    /// <summary>Fetches, verifies and caches <paramref name="digest"/>.</summary>
    /// <exception cref="BundleFetchException">The bundle could not be had, or what arrived failed verification.</exception>
    Task<byte[]> FetchAsync(BundleDigest digest, CancellationToken cancellationToken);
}
