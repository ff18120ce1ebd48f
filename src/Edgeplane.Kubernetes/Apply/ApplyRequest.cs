using System.Text.Json.Nodes;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// One bundle to apply to one cluster. <see cref="Objects"/> are in apply order and are not modified (the engine
/// works on copies). Objects without the ownership labels get them; objects with different values are refused.
/// </summary>
public sealed record ApplyRequest
{
    /// <summary>The cluster's name, as in the <c>edgeplane.dev/cluster</c> label (a label value).</summary>
    public required string Cluster { get; init; }

    /// <summary>The bundle's name, as in the <c>edgeplane.dev/bundle</c> label (a DNS-1123 label).</summary>
    public required string Bundle { get; init; }

    /// <summary>The bundle's objects, in apply order.</summary>
    public required IReadOnlyList<JsonObject> Objects { get; init; }

    /// <summary>The bundle digest (e.g. <c>sha256:…</c>), kept in the inventory.</summary>
    public string? Digest { get; init; }

    /// <summary>The source revision (e.g. the Git commit), kept in the inventory.</summary>
    public string? Revision { get; init; }

    /// <summary>Delete objects of the previous inventory that this bundle no longer has (only after a clean apply).</summary>
    public bool Prune { get; init; } = true;

    /// <summary>Allow a bundle with no objects to replace a non-empty inventory (which prunes everything).</summary>
    public bool AllowPruneToEmpty { get; init; }
}
