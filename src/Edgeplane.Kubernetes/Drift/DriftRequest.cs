using System.Text.Json.Nodes;

namespace Edgeplane.Kubernetes.Drift;

/// <summary>A drift check of one applied bundle: the same cluster, bundle and objects that were applied.</summary>
public sealed record DriftRequest
{
    /// <summary>The cluster's name, as in the <c>edgeplane.dev/cluster</c> label.</summary>
    public required string Cluster { get; init; }

    /// <summary>The bundle's name, as in the <c>edgeplane.dev/bundle</c> label.</summary>
    public required string Bundle { get; init; }

    /// <summary>The objects that were applied, in apply order.</summary>
    public required IReadOnlyList<JsonObject> Objects { get; init; }

    /// <summary>Report drift only, or correct it too (default).</summary>
    public DriftPolicy Policy { get; init; } = DriftPolicy.Correct;
}
