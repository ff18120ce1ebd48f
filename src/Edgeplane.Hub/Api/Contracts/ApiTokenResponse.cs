namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// An API token as listed: never its secret nor its hash. <see cref="State"/> is <c>active</c>, <c>expired</c> or
/// <c>revoked</c>; <see cref="ExpiresAt"/> is null for a token that never expires (the bootstrap admin token).
/// </summary>
public sealed record ApiTokenResponse(
    string Id, string Subject, string Role, string? Workspace, DateTime? ExpiresAt, string? Description, DateTime CreatedAt,
    string? CreatedBy, DateTime? RevokedAt, string State);
