using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>Stops a build with one problem; the builder turns it into a <see cref="Diagnostic"/> of the result.</summary>
internal sealed class KustomizeException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    public Diagnostic Diagnostic { get; } = diagnostic;

    public static KustomizeException At(SourceLocation location, string code, string message) =>
        new(new Diagnostic(location, message, code));
}
