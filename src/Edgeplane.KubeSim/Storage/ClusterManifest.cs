namespace Edgeplane.KubeSim.Storage;

/// <summary>What is persisted about a cluster besides its objects.</summary>
internal sealed record ClusterManifest(string Name, string Version, long ResourceVersion);
