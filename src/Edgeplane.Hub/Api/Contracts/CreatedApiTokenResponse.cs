namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// A new API token: <see cref="Token"/> is the only copy of its secret (the hub keeps a hash); it is never shown again.
/// <see cref="Revoked"/> lists the tokens it replaced (<c>rotate-admin</c>; empty otherwise).
/// </summary>
public sealed record CreatedApiTokenResponse(
    string Id, string Token, string Subject, string Role, string? Workspace, DateTime? ExpiresAt, string? Description,
    DateTime CreatedAt, string? CreatedBy, IReadOnlyList<string> Revoked);
