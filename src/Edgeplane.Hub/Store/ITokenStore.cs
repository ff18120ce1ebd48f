namespace Edgeplane.Hub.Store;

/// <summary>Persistence port for API tokens (hashes only).</summary>
internal interface ITokenStore
{
    /// <summary>True when at least one token exists.</summary>
    Task<bool> AnyTokenAsync(CancellationToken cancellationToken);

    /// <summary>Stores a token record.</summary>
    Task AddTokenAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>The unrevoked token with this hash, or null.</summary>
    Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken);
}
