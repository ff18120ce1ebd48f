namespace Edgeplane.Hub.Store;

/// <summary>Filters for listing clusters; every set filter must match.</summary>
internal sealed record ClusterQuery
{
    public string? Layer { get; init; }

    public string? Region { get; init; }

    public string? Site { get; init; }

    /// <summary>Reported health, e.g. <c>Healthy</c>; <c>Unknown</c> also matches clusters that never reported.</summary>
    public string? Health { get; init; }

    /// <summary>Lifecycle phase (<see cref="LifecyclePhases"/>); <c>Declared</c> also matches clusters not judged yet.</summary>
    public string? Phase { get; init; }

    /// <summary>Only clusters of these names; null: any name.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    public IReadOnlyList<LabelRequirement> Selector { get; init; } = [];

    /// <summary>Page size (1..1000; the fleet map up to <see cref="HubLimits.MaxMapPageSize"/>).</summary>
    public int Limit { get; init; } = 100;

    /// <summary>List names after this one (the decoded continue token).</summary>
    public string? After { get; init; }

    /// <summary>Only clusters that one of these workspaces targets (a workspace-scoped caller); null: every cluster.</summary>
    public IReadOnlyList<string>? Workspaces { get; init; }
}
