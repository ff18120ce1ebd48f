using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Loading;

/// <summary>The outcome of loading a fleet repo: a valid snapshot, or every problem found (sorted by file, line, column).</summary>
/// <param name="Fleet">The snapshot; null when there is any diagnostic.</param>
/// <param name="Diagnostics">Every problem; empty on success.</param>
public sealed record FleetLoadResult(FleetSnapshot? Fleet, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the repo loaded and validated without problems.</summary>
    public bool Succeeded => Fleet is not null && Diagnostics.Count == 0;
}
