namespace Edgeplane.Protocol;

/// <summary>
/// Explicit bounds of the wire contract, the same on hub and agent. Anything larger is refused with a clear error,
/// never truncated silently (except status entries, which are cut and counted in <c>truncated_objects</c>).
/// </summary>
public static class ProtocolLimits
{
    /// <summary>Bytes of bundle data in one <c>BundleChunk</c> (256 KiB).</summary>
    public const int BundleChunkBytes = 256 * 1024;

    /// <summary>Largest bundle, uncompressed (256 MiB); also the cap on the compressed stream.</summary>
    public const long MaxBundleBytes = 256L * 1024 * 1024;

    /// <summary>Largest single gRPC message either side accepts (4 MiB): a chunk plus headroom, or a large status report.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>Largest CSR accepted by Enroll and Renew (4 KiB DER; an ECDSA P-256 CSR is about 250 bytes).</summary>
    public const int MaxCsrBytes = 4 * 1024;

    /// <summary>Most per-object health entries in one status report.</summary>
    public const int MaxObjectsPerStatus = 5_000;

    /// <summary>Most drift entries in one status report.</summary>
    public const int MaxDriftEntriesPerStatus = 1_000;

    /// <summary>Most provisioned-cluster entries (Cluster API Cluster objects) in one status report.</summary>
    public const int MaxProvisionedClustersPerStatus = 1_000;

    /// <summary>Most conditions of one provisioned-cluster entry.</summary>
    public const int MaxConditionsPerProvisionedCluster = 16;

    /// <summary>Longest message text in a status entry or condition (characters).</summary>
    public const int MaxStatusMessageChars = 1_024;

    /// <summary>
    /// Deepest JSON nesting of one object in a bundle (64, like the fleet repo's YAML nesting limit and the agent
    /// engine's <c>BundleObjects.MaxDepth</c>); the bundle document adds its own three levels.
    /// </summary>
    public const int MaxObjectDepth = 64;
}
