namespace Edgeplane.Hub.Store.Entities;

/// <summary>One line of the append-only audit log.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime Time { get; set; }

    /// <summary>Who: the caller's subject (<c>user:ana@example.com</c>, <c>token:admin</c>), <c>webhook:github</c>, <c>hub</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>How the actor proved it: <c>token:&lt;id&gt;</c> or <c>oidc:&lt;issuer's sub&gt;</c>; null for the hub itself.</summary>
    public string? Credential { get; set; }

    /// <summary>From where: the caller's network address; null for the hub itself.</summary>
    public string? Source { get; set; }

    /// <summary>The workspace the entry belongs to (a workspace's token, a policy rejection), or null when fleet-wide.</summary>
    public string? Workspace { get; set; }

    /// <summary>What, dotted: <c>revision.process</c>, <c>revision.approve</c>, <c>source.webhook</c>.</summary>
    public required string Action { get; set; }

    public required string Target { get; set; }

    /// <summary><c>Succeeded</c>, <c>Failed</c>, <c>Denied</c>, or a revision state.</summary>
    public required string Outcome { get; set; }

    public string? Details { get; set; }
}
