namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// What a revision changed compared with its base, the revision applied before it (<c>GET /api/v1/revisions/{sha}/diff</c>):
/// the clusters whose desired bundle it added, removed or changed, by name, each with its objects and their fields,
/// within <see cref="Limits"/>; what was left out is counted. Only the clusters the caller may see are shown or counted.
/// </summary>
/// <param name="Sha">The revision.</param>
/// <param name="State">Its state.</param>
/// <param name="Base">The revision applied before it; null for the first revision the hub applied, or when unknown (<paramref name="Recorded"/> false).</param>
/// <param name="Recorded">False when the hub does not know what the revision changed (applied before it kept revision changes).</param>
/// <param name="Note">Why the diff is empty or unknown, in words; null otherwise.</param>
/// <param name="Cluster">The one cluster asked for with <c>?cluster=</c>, or null.</param>
/// <param name="Limits">The limits this answer was cut to.</param>
/// <param name="Counts">Clusters added, removed and changed (those the caller may see; with <c>?cluster=</c>, that one).</param>
/// <param name="Clusters">The clusters of this page, by name, with their objects.</param>
/// <param name="OmittedClusters">Changed clusters after this page (<paramref name="Continue"/> gets the next).</param>
/// <param name="Continue">The token for the next page, or null on the last.</param>
public sealed record RevisionDiffResponse(
    string Sha,
    RevisionState State,
    RevisionDiffBase? Base,
    bool Recorded,
    string? Note,
    string? Cluster,
    RevisionDiffLimits Limits,
    DiffCounts Counts,
    IReadOnlyList<ClusterDiffResponse> Clusters,
    int OmittedClusters,
    string? Continue);
