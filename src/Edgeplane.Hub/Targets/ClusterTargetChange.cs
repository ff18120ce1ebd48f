namespace Edgeplane.Hub.Targets;

/// <summary>"Cluster X's target is now digest D (from revision R)". A null digest means the cluster was removed.</summary>
public sealed record ClusterTargetChange(string Cluster, string? Digest, string? Revision);
