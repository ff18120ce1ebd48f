using Edgeplane.Model.Diagnostics;
using Edgeplane.Rendering.Templates;

namespace Edgeplane.Rendering.Sources;

/// <summary>The compiled objects of one source (or the problems that stopped it), shared by every cluster that uses it.</summary>
internal sealed record CompiledSource(IReadOnlyList<CompiledObject> Objects, IReadOnlyList<Diagnostic> Errors)
{
    public static CompiledSource Failed(Diagnostic error) => new([], [error]);
}
