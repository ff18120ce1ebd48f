namespace Edgeplane.Model.Sources;

/// <summary>
/// Explicit bounds on what a fleet repo may contain. Anything beyond them is an error that names the limit;
/// nothing is silently truncated. The defaults are documented in docs/fleet-repo.md ("Limits").
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
}
