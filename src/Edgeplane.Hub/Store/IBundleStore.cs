using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>Persistence port for content-addressed bundles.</summary>
public interface IBundleStore
{
    /// <summary>The stored (compressed) bundle with this digest, or null.</summary>
    Task<BundleRecord?> GetBundleAsync(string digest, CancellationToken cancellationToken);
}
