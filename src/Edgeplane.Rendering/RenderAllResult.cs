using Edgeplane.Model.Diagnostics;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering;

/// <summary>Every cluster's bundle (sorted by cluster name), or — if any cluster failed — no bundle and every problem, sorted and without repeats.</summary>
public sealed record RenderAllResult(IReadOnlyList<Bundle> Bundles, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when every cluster rendered.</summary>
    public bool Succeeded => Diagnostics.Count == 0;
}
