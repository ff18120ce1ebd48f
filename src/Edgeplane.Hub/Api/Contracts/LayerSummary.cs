namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// Cluster counts of one layer. <see cref="Unknown"/>: clusters whose agent link no live hub process vouches for (after a
/// hub restart, until the agent is back), as <see cref="AgentConnectionResponse.State"/> <c>Unknown</c> shows them.
/// </summary>
public sealed record LayerSummary(string Layer, int Clusters, int InSync, int Drifted, int Unhealthy, int Offline, int Unknown = 0);
