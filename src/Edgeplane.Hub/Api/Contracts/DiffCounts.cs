namespace Edgeplane.Hub.Api.Contracts;

/// <summary>How many things (clusters of a revision, or objects of a cluster) were added, removed and changed.</summary>
public sealed record DiffCounts(int Added, int Removed, int Changed);
