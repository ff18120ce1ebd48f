using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Model.Yaml;

/// <summary>The documents of one file, or the problems that stopped it from loading.</summary>
/// <param name="Documents">Non-empty documents in file order.</param>
/// <param name="Diagnostics">Problems found; when non-empty, <paramref name="Documents"/> holds only those read before the problem.</param>
public sealed record YamlLoadResult(IReadOnlyList<YamlDocument> Documents, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the whole file loaded.</summary>
    public bool Succeeded => Diagnostics.Count == 0;
}
