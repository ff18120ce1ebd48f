namespace Edgeplane.Hub.Api.Contracts;

/// <summary>A condition in the Kubernetes habit: <c>Ready</c>/<c>True</c>/<c>Applied</c>/"…".</summary>
public sealed record ClusterCondition(string Type, string Status, string? Reason, string? Message);
