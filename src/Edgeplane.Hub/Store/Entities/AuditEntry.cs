namespace Edgeplane.Hub.Store.Entities;

/// <summary>One line of the append-only audit log.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime Time { get; set; }

    /// <summary>Who: <c>token:&lt;name&gt;</c>, <c>webhook:github</c>, <c>hub</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>What, dotted: <c>revision.process</c>, <c>revision.approve</c>, <c>source.webhook</c>.</summary>
    public required string Action { get; set; }

    public required string Target { get; set; }

    /// <summary><c>Succeeded</c>, <c>Failed</c>, <c>Denied</c>, or a revision state.</summary>
    public required string Outcome { get; set; }

    public string? Details { get; set; }
}
