using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Templates;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// One thing that lands on a cluster (an add-on, a workspace's namespaces, a provisioned cluster's CAPI objects, a
/// network function, an application) with its compiled objects, the variables they see and what it must follow.
/// </summary>
internal sealed class RenderUnit
{
    private readonly ResourceRef _ref;

    public required ResourceRef Ref
    {
        get => _ref;
        init
        {
            _ref = value;
            Source = value.ToString();
        }
    }

    /// <summary>Tie-break between units that are ready at the same time: lower first, then by name.</summary>
    public required int Rank { get; init; }

    /// <summary>The <c>edgeplane.dev/source</c> of its objects, <c>Kind/name</c>.</summary>
    public string Source { get; private init; } = "";

    /// <summary>Units that must be applied first, with where the dependency was written.</summary>
    public List<(ResourceRef To, SourceLocation At)> Needs { get; } = [];

    public List<(CompiledObject Object, VariableScope Scope)> Objects { get; } = [];

    /// <summary>The owning workspace, whose tenancy rules its objects must follow; null for platform units.</summary>
    public FleetResource<WorkspaceSpec>? Workspace { get; init; }

    /// <summary>For a workspace's own unit (its namespaces and account), the workspace; null for every other unit.</summary>
    public FleetResource<WorkspaceSpec>? Tenant { get; init; }

    /// <summary>
    /// For a unit of objects carried over from an earlier revision (a rejected workspace's last good objects), the
    /// workspace; they are not checked again and count as the workspace's, not the platform's.
    /// </summary>
    public FleetResource<WorkspaceSpec>? CarriedFor { get; init; }

    public static int RankOf(ResourceKind kind) => kind switch
    {
        ResourceKind.AddOn => 0,
        ResourceKind.Workspace => 1,
        ResourceKind.ClusterTemplate or ResourceKind.Cluster => 2,
        ResourceKind.NetworkFunction => 3,
        _ => 4,
    };

    public void Add(IEnumerable<CompiledObject> objects, VariableScope scope)
    {
        foreach (var obj in objects)
        {
            Objects.Add((obj, scope));
        }
    }
}
