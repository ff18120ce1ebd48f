using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>Persistence port for API tokens (hashes only).</summary>
internal interface ITokenStore
{
    /// <summary>True when at least one token exists.</summary>
    Task<bool> AnyTokenAsync(CancellationToken cancellationToken);

    /// <summary>Stores a token record.</summary>
    Task AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken);

    /// <summary>The unrevoked token with this hash, or null.</summary>
    Task<ApiTokenRecord?> FindTokenAsync(string hash, CancellationToken cancellationToken);
}
