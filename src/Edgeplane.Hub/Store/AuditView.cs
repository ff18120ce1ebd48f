namespace Edgeplane.Hub.Store;

/// <summary>One audit log entry as read back (a read model, not the EF entity).</summary>
internal sealed record AuditView(long Id, DateTime Time, string Actor, string Action, string Target, string Outcome, string? Details);
