using Edgeplane.KubeSim.Catalog;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>The object (or collection) a request addresses.</summary>
internal sealed record ObjectTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource = null)
{
    public string RequiredName => Name ?? throw new InvalidOperationException("a name is required here");
}
