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
}
