namespace Edgeplane.Hub.Api.Contracts;

/// <summary>One audit log entry.</summary>
public sealed record AuditEntryResponse(long Id, DateTime Time, string Actor, string Action, string Target, string Outcome, string? Details);
