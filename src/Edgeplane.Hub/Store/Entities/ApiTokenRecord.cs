namespace Edgeplane.Hub.Store.Entities;

/// <summary>An API token; only its SHA-256 hash is stored.</summary>
internal sealed class ApiTokenRecord
{
    /// <summary>Public identifier (the token's prefix before the secret part).</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>A role name, e.g. <c>fleet-admin</c>.</summary>
    public required string Role { get; set; }

    /// <summary>Lowercase hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool Revoked { get; set; }

    /// <summary>Who the token speaks for (<c>user:ana@example.com</c>); null on tokens made before subjects: <c>token:{Name}</c>.</summary>
    public string? Subject { get; set; }

    /// <summary>The workspace the role holds in; null: fleet-wide.</summary>
    public string? Workspace { get; set; }

    /// <summary>When the token stops working; null: never (the bootstrap admin token).</summary>
    public DateTime? ExpiresAt { get; set; }

    public string? Description { get; set; }

    /// <summary>The subject of the caller that created the token; null for the hub's own bootstrap admin token.</summary>
    public string? CreatedBy { get; set; }

    public DateTime? RevokedAt { get; set; }
}
