namespace Edgeplane.Hub.Store;

/// <summary>
/// A cluster whose desired bundle a revision changed: from <paramref name="FromDigest"/> (null: the cluster is new) to
/// <paramref name="ToDigest"/> (null: the revision removed it).
/// </summary>
internal sealed record RevisionChange(string Cluster, string? FromDigest, string? ToDigest);
