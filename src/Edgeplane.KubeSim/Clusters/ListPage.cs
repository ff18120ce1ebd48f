using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Clusters;

/// <summary>One page of a list: items in key order, the list resourceVersion and the continue token for the next page.</summary>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
