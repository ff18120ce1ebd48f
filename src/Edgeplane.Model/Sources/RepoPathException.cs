using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Sources;

/// <summary>A path or read that the repo sandbox refused: it leaves the root, is absolute, or breaks a limit.</summary>
public sealed class RepoPathException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    /// <summary>What was refused and where it was referenced.</summary>
    public Diagnostic Diagnostic { get; } = diagnostic;
}
