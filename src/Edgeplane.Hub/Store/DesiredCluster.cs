namespace Edgeplane.Hub.Store;

/// <summary>The desired state of one cluster as stored now (the input of the next revision's plan).</summary>
internal sealed record DesiredCluster(string Name, string? Digest, string? ContentDigest, int ObjectCount);
