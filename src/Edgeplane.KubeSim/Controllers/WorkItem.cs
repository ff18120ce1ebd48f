using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>Queued controller work; equal items coalesce while pending.</summary>
internal sealed record WorkItem(VirtualCluster Cluster, WorkKind Kind, ResourceType? Type, string? Namespace, string Name);
