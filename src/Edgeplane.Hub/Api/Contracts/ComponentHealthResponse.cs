namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// The health of a component's objects: <see cref="Status"/> is the worst of them (<c>Failed</c>, then
/// <c>InProgress</c>, then <c>Unknown</c>, else <c>Current</c>), then how many objects are in each state and how many
/// the last drift check found drifted.
/// </summary>
public sealed record ComponentHealthResponse(string Status, int Current, int InProgress, int Failed, int Unknown, int Drifted);
