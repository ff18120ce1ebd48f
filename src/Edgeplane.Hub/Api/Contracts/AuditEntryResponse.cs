namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// One audit log entry: who (<see cref="Actor"/>, the subject, with the <see cref="Credential"/> that proved it), from
/// where (<see cref="Source"/>), what, on what, with which outcome, and the workspace it is filed under.
/// </summary>
public sealed record AuditEntryResponse(long Id, DateTime Time, string Actor, string Action, string Target, string Outcome, string? Details)
{
    /// <summary><c>token:&lt;id&gt;</c> or <c>oidc:&lt;sub&gt;</c>; null for the hub's own entries.</summary>
    public string? Credential { get; init; }

    /// <summary>The caller's network address; null for the hub's own entries.</summary>
    public string? Source { get; init; }

    /// <summary>The workspace the entry belongs to, or null for fleet-wide entries.</summary>
    public string? Workspace { get; init; }
}
