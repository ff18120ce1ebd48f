using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Units;

/// <summary>Tenancy violations gathered during a render, by workspace; each rejects all of that workspace's objects.</summary>
internal sealed class WorkspaceRejections
{
    private readonly SortedDictionary<string, List<Diagnostic>> _byWorkspace = new(StringComparer.Ordinal);

    public IEnumerable<string> Workspaces => _byWorkspace.Keys;

    public void Add(string workspace, IReadOnlyCollection<Diagnostic> diagnostics)
    {
        if (diagnostics.Count == 0)
        {
            return;
        }
        if (!_byWorkspace.TryGetValue(workspace, out var list))
        {
            _byWorkspace[workspace] = list = [];
        }
        list.AddRange(diagnostics);
    }

    public void AddAll(IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> rejections)
    {
        foreach (var (workspace, diagnostics) in rejections)
        {
            Add(workspace, diagnostics);
        }
    }

    /// <summary>Each workspace's diagnostics, sorted by file, line and column, without repeats.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> ToResult() => _byWorkspace.ToDictionary(
        e => e.Key,
        e =>
        {
            var bag = new DiagnosticBag();
            bag.AddRange(e.Value.Distinct());
            return bag.Sorted();
        },
        StringComparer.Ordinal);
}
