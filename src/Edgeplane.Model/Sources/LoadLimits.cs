namespace Edgeplane.Model.Sources;

/// <summary>
/// Explicit bounds on what a fleet repo may contain and what it may render to. Anything beyond them is an error that
/// names the limit; nothing is silently truncated. The defaults are documented in docs/fleet-repo.md ("Limits").
/// Byte limits are checked while counting, before the bytes are materialised, so memory stays bounded too.
/// </summary>
public sealed record LoadLimits
{
    /// <summary>The defaults used by the CLI and the hub.</summary>
    public static LoadLimits Default { get; } = new();

    /// <summary>Largest single file read, in bytes (default 1 MiB).</summary>
    public long MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>Most files read from one repo (default 20,000).</summary>
    public int MaxFiles { get; init; } = 20_000;

    /// <summary>Most bytes read from one repo in total (default 256 MiB).</summary>
    public long MaxTotalBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most YAML documents in one file (default 1,000).</summary>
    public int MaxDocumentsPerFile { get; init; } = 1_000;

    /// <summary>Deepest nesting of mappings and sequences in one document (default 64).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most nodes one document may hold after YAML aliases are expanded (default 100,000). This is what stops an
    /// alias bomb ("billion laughs"): the expanded size is counted, not the text size.
    /// </summary>
    public int MaxNodesPerDocument { get; init; } = 100_000;

    /// <summary>Most directory levels below the repo root (default 32).</summary>
    public int MaxDirectoryDepth { get; init; } = 32;

    /// <summary>
    /// Most bytes of keys and scalar values one YAML document may hold after aliases are expanded (default 2 MiB, more
    /// than any object Kubernetes accepts). An alias counts the bytes of what it stands for, counted without copying it,
    /// so a small file that aliases one large string many times is refused at the alias that crosses the limit.
    /// </summary>
    public long MaxDocumentBytes { get; init; } = 2L * 1024 * 1024;

    /// <summary>
    /// Largest rendered object, in bytes of canonical JSON (default 1.5 MiB = 1,572,864 bytes: what the Kubernetes API
    /// server accepts in one request).
    /// </summary>
    public long MaxObjectBytes { get; init; } = 1536L * 1024;

    /// <summary>
    /// Most bytes of data in one rendered or generated ConfigMap or Secret (default 1 MiB = 1,048,576 bytes, the limit
    /// Kubernetes enforces): the sum of the values of <c>data</c> and <c>binaryData</c> (ConfigMap) or <c>data</c>
    /// and <c>stringData</c> (Secret), base64 values counted decoded.
    /// </summary>
    public long MaxConfigDataBytes { get; init; } = 1024L * 1024;

    /// <summary>
    /// Largest bundle (one cluster's document of canonical JSON), and the most bytes one kustomize build may produce
    /// (default 64 MiB = 67,108,864 bytes).
    /// </summary>
    public long MaxBundleBytes { get; init; } = 64L * 1024 * 1024;
}
