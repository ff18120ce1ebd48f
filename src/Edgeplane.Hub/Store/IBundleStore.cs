using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>Persistence port for content-addressed bundles.</summary>
internal interface IBundleStore
{
    /// <summary>The stored (compressed) bundle with this digest, or null.</summary>
    Task<BundleContent?> GetBundleAsync(string digest, CancellationToken cancellationToken);
}
