namespace Edgeplane.Hub.Pipeline;

/// <summary>A declared cluster and the bundle rendered for it.</summary>
public sealed record CompiledCluster(DeclaredCluster Declaration, CompiledBundle Bundle);
