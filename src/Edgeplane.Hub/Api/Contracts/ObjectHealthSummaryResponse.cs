namespace Edgeplane.Hub.Api.Contracts;

/// <summary>Counts from the agent's last status report: objects reported, failed, in progress, and drifted.</summary>
public sealed record ObjectHealthSummaryResponse(int Total, int Failed, int InProgress, int Drifted);
