namespace Edgeplane.Hub.Store;

/// <summary>One audit log entry as read back (a read model, not the EF entity).</summary>
internal sealed record AuditView(long Id, DateTime Time, string Actor, string Action, string Target, string Outcome, string? Details)
{
    /// <summary><c>token:&lt;id&gt;</c> or <c>oidc:&lt;sub&gt;</c>; null for the hub itself.</summary>
    public string? Credential { get; init; }

    /// <summary>The caller's network address; null for the hub itself.</summary>
    public string? Source { get; init; }

    /// <summary>The workspace the entry is filed under, or null.</summary>
    public string? Workspace { get; init; }
}
