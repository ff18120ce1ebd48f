namespace Edgeplane.Hub.Store;

/// <summary>Persistence port for API tokens (hashes only).</summary>
internal interface ITokenStore
{
    /// <summary>True when at least one token exists.</summary>
    Task<bool> AnyTokenAsync(CancellationToken cancellationToken);

    /// <summary>Stores a token record; audited as <c>token.create</c> by its <see cref="ApiToken.CreatedBy"/> (else <c>hub</c>).</summary>
    Task AddTokenAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>Stores a token record; audited as <c>token.create</c> by <paramref name="actor"/>, filed under the token's workspace.</summary>
    Task AddTokenAsync(ApiToken token, AuditActor actor, CancellationToken cancellationToken);

    /// <summary>The unrevoked token with this hash, or null (an expired one is returned: the caller says why it fails).</summary>
    Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken);

    /// <summary>The token with this id, revoked or not, or null.</summary>
    Task<ApiToken?> GetTokenAsync(string id, CancellationToken cancellationToken);

    /// <summary>One page of tokens by id, only those of <paramref name="workspaces"/> when given; throws <see cref="FormatException"/> for a bad continue token.</summary>
    Task<Page<ApiToken>> ListTokensAsync(int limit, string? continueToken, IReadOnlyCollection<string>? workspaces, CancellationToken cancellationToken);

    /// <summary>Revokes the token (audited as <c>token.revoke</c> by <paramref name="actor"/>); false when there is no such token.</summary>
    Task<bool> RevokeTokenAsync(string id, AuditActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: stores <paramref name="replacement"/> and revokes every unrevoked token with the same subject
    /// and the fleet-admin role (the bootstrap admin token and earlier rotations); audited. Returns the revoked ids.
    /// </summary>
    Task<IReadOnlyList<string>> RotateAdminAsync(ApiToken replacement, AuditActor actor, CancellationToken cancellationToken);
}
