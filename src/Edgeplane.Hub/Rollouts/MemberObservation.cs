namespace Edgeplane.Hub.Rollouts;

/// <summary>What the store knows of a member's cluster when the engine steps its run.</summary>
/// <param name="TargetDigest">Its target now.</param>
/// <param name="DesiredDigest">Its desired digest now.</param>
/// <param name="AppliedDigest">What its agent last reported applied.</param>
/// <param name="Health">Its last reported health (<c>Healthy</c>, <c>Progressing</c>, <c>Degraded</c>, <c>Failed</c>, ...).</param>
/// <param name="Live">True while a hub process holds a live link to its agent (<c>Online</c> or <c>Degraded</c>).</param>
/// <param name="LinkSince">Since when its link has been in its current state.</param>
/// <param name="KubernetesVersion">The server version its agent last reported.</param>
/// <param name="Nodes">Its agent's last <c>NodesReady</c> condition (every node Ready at the server's version), if any.</param>
internal sealed record MemberObservation(
    string? TargetDigest, string? DesiredDigest, string? AppliedDigest, string? Health, bool Live, DateTime? LinkSince, string? KubernetesVersion,
    Api.Contracts.ClusterCondition? Nodes = null);
