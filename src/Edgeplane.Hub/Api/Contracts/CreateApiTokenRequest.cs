namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// Body of <c>POST /api/v1/tokens</c>: who the token speaks for (<c>user:…</c>, <c>group:…</c> or <c>service:…</c>), its
/// role (<c>fleet-admin</c>, <c>workspace-admin</c>, <c>workspace-member</c>, <c>viewer</c>), the workspace the role holds
/// in (required for the workspace roles; a viewer without one reads the whole fleet), its lifetime (<c>30m</c>, <c>1h</c>,
/// <c>30d</c>; null for the hub's default) and a free-text description.
/// </summary>
public sealed record CreateApiTokenRequest(string? Subject, string? Role, string? Workspace = null, string? Ttl = null, string? Description = null);
