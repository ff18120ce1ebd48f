using Edgeplane.Model.Diagnostics;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering;

/// <summary>Every cluster's bundle (sorted by cluster name), or — if any cluster failed — no bundle and every problem, sorted and without repeats.</summary>
public sealed record RenderAllResult(IReadOnlyList<Bundle> Bundles, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when every cluster rendered.</summary>
    public bool Succeeded => Diagnostics.Count == 0;

    /// <summary>
    /// Workspaces rejected by render-time policy on any cluster, each with its violations (sorted). A rejected
    /// workspace's Applications and NetworkFunctions are left out of every cluster's bundle (or replaced by
    /// <see cref="RenderOptions.CarriedObjects"/>); the other workspaces and the platform still render, so
    /// <see cref="Succeeded"/> stays true.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> Rejections { get; init; } = new Dictionary<string, IReadOnlyList<Diagnostic>>();
}
