namespace Edgeplane.Hub.Store;

/// <summary>
/// An API token as the store keeps it: its public id, name and role, and the lowercase hex SHA-256 of the whole token
/// (never the token itself). A read model, not the EF entity.
/// </summary>
internal sealed record ApiToken(string Id, string Name, string Role, string Hash, DateTime CreatedAt);
