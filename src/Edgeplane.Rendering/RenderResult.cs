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
}
