namespace Edgeplane.Model.Diagnostics;

/// <summary>
/// Collects every problem found, so a load or validation can report all of them at once.
/// Not thread-safe; give each worker its own bag and merge.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>The problems collected so far, in the order they were found.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when at least one problem was collected.</summary>
    public bool HasErrors => _items.Count > 0;

    /// <summary>Adds a problem.</summary>
    public void Add(SourceLocation location, string code, string message) => _items.Add(new Diagnostic(location, message, code));

    /// <summary>Adds a problem that was already built.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Adds every problem of another bag or list.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>The problems sorted by file, line and column: a stable order for output and tests.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
}
