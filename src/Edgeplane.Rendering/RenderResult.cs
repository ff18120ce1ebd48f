using Edgeplane.Model.Diagnostics;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering;

/// <summary>One cluster's bundle, or every problem that stopped it (sorted by file, line, column).</summary>
/// <param name="Bundle">The bundle; null when there is any diagnostic.</param>
/// <param name="Diagnostics">Problems; empty on success.</param>
public sealed record RenderResult(Bundle? Bundle, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the bundle was rendered.</summary>
    public bool Succeeded => Bundle is not null;

    /// <summary>
    /// Workspaces rejected on this cluster by render-time policy, each with its violations (sorted): the bundle holds
    /// none of their Applications' and NetworkFunctions' objects (or, with <see cref="RenderOptions.CarriedObjects"/>,
    /// the objects carried over instead), and still holds their own namespaces, bindings, quotas and policies. Not
    /// counted in <see cref="Diagnostics"/>: a rejection stops its workspace, not the bundle.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> Rejections { get; init; } = new Dictionary<string, IReadOnlyList<Diagnostic>>();
}
