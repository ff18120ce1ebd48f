namespace Edgeplane.Rendering.Kustomize;

public sealed partial class KustomizeBuilder
{
    /// <summary>Most base and component references followed by one cycle check (guards against huge diamond graphs).</summary>
    internal const int MaxGraphEdges = 10_000;

    /// <summary>
    /// Walks the bases and components reachable from the root before anything is built and refuses what kustomize
    /// refuses: a directory that is, or contains, a directory already being built on the same path (a base that
    /// includes itself, directly or through others). Checking first also means the shared per-directory build cache
    /// can never wait on itself.
    /// </summary>
    private void CheckCycles(Kustomization root)
    {
        var budget = MaxGraphEdges;
        Visit(root, [root.Directory], ref budget);
    }

    private void Visit(Kustomization kustomization, List<string> chain, ref int budget)
    {
        foreach (var entry in kustomization.Resources.Concat(kustomization.Components))
        {
            var candidate = entry.Resolved;
            if (candidate is null || !DirectoryExists(candidate))
            {
                continue;
            }
            if (--budget < 0)
            {
                throw KustomizeException.At(entry.At, "LimitExceeded",
                    $"the kustomization graph has more than {MaxGraphEdges} base and component references (MaxGraphEdges)");
            }
            var hit = chain.Find(visited => Contains(candidate, visited));
            if (hit is not null)
            {
                throw KustomizeException.At(entry.At, "KustomizationCycle",
                    $"cycle: '{entry.Written}' ({Display(candidate)}) contains '{Display(hit)}', which is being built "
                    + $"(via {string.Join(" -> ", chain.Select(Display))})");
            }
            if (!HasKustomization(candidate))
            {
                continue;
            }
            chain.Add(candidate);
            Visit(RequireKustomization(candidate, entry.At), chain, ref budget);
            chain.RemoveAt(chain.Count - 1);
        }
    }

    private static bool Contains(string directory, string other) =>
        directory.Length == 0 || directory == other || other.StartsWith(directory + "/", StringComparison.Ordinal);
}
