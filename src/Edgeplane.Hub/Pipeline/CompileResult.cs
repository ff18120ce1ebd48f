using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Hub.Pipeline;

/// <summary>Every cluster with its bundle, or every error that stopped the revision (never both).</summary>
internal sealed record CompileResult(IReadOnlyList<CompiledCluster> Clusters, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the revision loaded, validated and rendered without errors.</summary>
    public bool Succeeded => Diagnostics.Count == 0;

    /// <summary>Time spent reading, parsing and validating the repo, when the compiler measured it.</summary>
    public TimeSpan LoadTime { get; init; }

    /// <summary>Time spent rendering every cluster, when the compiler measured it.</summary>
    public TimeSpan RenderTime { get; init; }

    /// <summary>
    /// How many Applications each workspace has at this revision (workspaces without any are left out), from the
    /// fleet model; null when the compiler does not know workspaces (then the hub does not check them).
    /// </summary>
    public IReadOnlyDictionary<string, int>? WorkspaceApplications { get; init; }

    /// <summary>The revision's Rollout resources (none: changes reach their clusters at once).</summary>
    public IReadOnlyList<Plans.RolloutDeclaration> Rollouts { get; init; } = [];

    /// <summary>The revision's workspaces with their members and targeted clusters; null when the compiler does not know them.</summary>
    public IReadOnlyList<Plans.DeclaredWorkspace>? Workspaces { get; init; }

    /// <summary>
    /// Workspaces this revision rejected (render-time policy), each with its violations: their Applications and
    /// NetworkFunctions kept their last good objects; everything else of the revision was compiled.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> Rejections { get; init; } = new Dictionary<string, IReadOnlyList<Diagnostic>>();

    /// <summary>A failed result.</summary>
    public static CompileResult Failed(IReadOnlyList<Diagnostic> diagnostics) => new([], diagnostics);
}
