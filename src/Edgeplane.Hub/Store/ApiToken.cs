namespace Edgeplane.Hub.Store;

/// <summary>
/// An API token as the store keeps it: its public id, name and role, and the lowercase hex SHA-256 of the whole token
/// (never the token itself). A read model, not the EF entity.
/// </summary>
internal sealed record ApiToken(string Id, string Name, string Role, string Hash, DateTime CreatedAt)
{
    private readonly string? _subject;

    /// <summary>Who the token speaks for; <c>token:{Name}</c> for tokens made without a subject.</summary>
    public string Subject { get => _subject ?? $"token:{Name}"; init => _subject = value; }

    /// <summary>The workspace its role holds in; null: fleet-wide.</summary>
    public string? Workspace { get; init; }

    /// <summary>When it stops working; null: never.</summary>
    public DateTime? ExpiresAt { get; init; }

    public string? Description { get; init; }

    /// <summary>The creator's subject; null for the hub's bootstrap admin token.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When it was revoked; null while it is not.</summary>
    public DateTime? RevokedAt { get; init; }

    /// <summary>True when it was revoked (also for tokens revoked before revocation times were kept).</summary>
    public bool Revoked { get; init; }

    /// <summary>True when <paramref name="now"/> is at or past <see cref="ExpiresAt"/>.</summary>
    public bool IsExpired(DateTime now) => ExpiresAt is { } expires && now >= expires;
}
