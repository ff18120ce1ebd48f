using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Protocol.Diff;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// What <c>edgeplane diff</c> prints (<c>-o json|yaml</c> as is): the base compared with, the clusters that change
/// (sorted by name), the waves the change would go through, in order, and the Kubernetes version changes the hub's
/// skew check refuses (<c>refused</c>, shaped as a revision's errors: the hub would fail such a revision).
/// </summary>
internal sealed record DiffReport(string Base, IReadOnlyList<ClusterDiff> Clusters, IReadOnlyList<WavePreview> Waves)
{
    public IReadOnlyList<RevisionErrorResponse> Refused { get; init; } = [];

    /// <summary>Something changes, or the hub would refuse the revision (exit 1 either way).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasChanges => Clusters.Count > 0 || Refused.Count > 0;
}
