namespace Edgeplane.KubeSim.Clusters;

/// <summary>The patch formats, by Content-Type.</summary>
internal enum PatchKind
{
    /// <summary>application/json-patch+json (RFC 6902).</summary>
    Json,

    /// <summary>application/merge-patch+json (RFC 7386).</summary>
    Merge,

    /// <summary>application/strategic-merge-patch+json (built-in kinds only).</summary>
    Strategic,

    /// <summary>application/apply-patch+yaml (server-side apply; JSON is YAML too).</summary>
    Apply,
}
