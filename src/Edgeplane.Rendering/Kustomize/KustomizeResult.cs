using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>The objects a kustomization produced, or the problems that stopped it.</summary>
/// <param name="Objects">Objects in kustomize output order; fresh copies the caller may change.</param>
/// <param name="Diagnostics">Problems, each with its file, line and column; empty on success.</param>
public sealed record KustomizeResult(IReadOnlyList<JsonObject> Objects, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the build produced objects without problems.</summary>
    public bool Succeeded => Diagnostics.Count == 0;
}
