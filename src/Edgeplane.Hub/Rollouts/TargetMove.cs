namespace Edgeplane.Hub.Rollouts;

/// <summary>A decision to set <paramref name="Cluster"/>'s target from <paramref name="Expected"/> to <paramref name="Digest"/>.</summary>
/// <param name="Revision">The revision that rendered <paramref name="Digest"/> when it is not the run's (a rollback).</param>
internal sealed record TargetMove(string Cluster, string Expected, string Digest, bool Rollback, string? Revision = null);
