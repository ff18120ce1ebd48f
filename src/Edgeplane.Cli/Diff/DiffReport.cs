namespace Edgeplane.Cli.Diff;

/// <summary>
/// What <c>edgeplane diff</c> prints (<c>-o json|yaml</c> as is): the base compared with, the clusters that change
/// (sorted by name) and the waves the change would go through, in order.
/// </summary>
internal sealed record DiffReport(string Base, IReadOnlyList<ClusterDiff> Clusters, IReadOnlyList<WavePreview> Waves)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasChanges => Clusters.Count > 0;
}
