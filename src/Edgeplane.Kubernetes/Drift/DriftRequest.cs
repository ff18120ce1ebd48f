using System.Text.Json.Nodes;

namespace Edgeplane.Kubernetes.Drift;

/// <summary>A drift check of one applied bundle: the same cluster, bundle and objects that were applied.</summary>
public sealed record DriftRequest
{
    public required string Cluster { get; init; }

    public required string Bundle { get; init; }

    public required IReadOnlyList<JsonObject> Objects { get; init; }

    public DriftPolicy Policy { get; init; } = DriftPolicy.Correct;
}
