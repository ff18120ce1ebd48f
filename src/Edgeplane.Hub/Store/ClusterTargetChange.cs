namespace Edgeplane.Hub.Store;

/// <summary>
/// "Cluster X's target is now digest D (from revision R)". A null digest means the cluster was removed.
/// <paramref name="Generation"/> is the cluster's stored target generation, which increases with every target change
/// (0 when unknown, e.g. from an older replica's notification).
/// </summary>
internal sealed record ClusterTargetChange(string Cluster, string? Digest, string? Revision, long Generation = 0);
