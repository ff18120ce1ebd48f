namespace Edgeplane.Hub.Store;

/// <summary>The stored workspace directory (the last applied revision's workspaces), for scoping what a caller sees.</summary>
internal interface IWorkspaceStore
{
    /// <summary>Every workspace's members (subject → <c>admin</c>, <c>member</c> or <c>viewer</c>), by workspace name.</summary>
    Task<IReadOnlyList<(string Workspace, IReadOnlyDictionary<string, string> Members)>> ListMembersAsync(CancellationToken cancellationToken);

    /// <summary>The workspaces of the last applied revision (only <paramref name="only"/> when given), by name.</summary>
    Task<IReadOnlyList<WorkspaceView>> ListAsync(IReadOnlyCollection<string>? only, CancellationToken cancellationToken);

    /// <summary>True when the last applied revision declares <paramref name="workspace"/>.</summary>
    Task<bool> ExistsAsync(string workspace, CancellationToken cancellationToken);

    /// <summary>The clusters any of <paramref name="workspaces"/> targets.</summary>
    Task<IReadOnlySet<string>> ClustersOfAsync(IReadOnlyCollection<string> workspaces, CancellationToken cancellationToken);

    /// <summary>True when rollout <paramref name="id"/> has a member cluster that one of <paramref name="workspaces"/> targets.</summary>
    Task<bool> RolloutTouchesAsync(long id, IReadOnlyCollection<string> workspaces, CancellationToken cancellationToken);

    /// <summary>True when bundle <paramref name="digest"/> is desired, targeted or applied on a cluster one of <paramref name="workspaces"/> targets.</summary>
    Task<bool> BundleReachesAsync(string digest, IReadOnlyCollection<string> workspaces, CancellationToken cancellationToken);
}
