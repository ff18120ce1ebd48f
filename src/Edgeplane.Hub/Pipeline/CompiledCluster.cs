using Edgeplane.Hub.Plans;

namespace Edgeplane.Hub.Pipeline;

/// <summary>A declared cluster and the bundle rendered for it.</summary>
internal sealed record CompiledCluster(DeclaredCluster Declaration, CompiledBundle Bundle);
