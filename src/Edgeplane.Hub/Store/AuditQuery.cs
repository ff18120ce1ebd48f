namespace Edgeplane.Hub.Store;

/// <summary>
/// Which audit entries to list; every filter is optional and they combine with AND.
/// <see cref="VisibleWorkspaces"/> is the caller's scope, not a filter it chose: when set, only entries filed under one
/// of those workspaces are visible.
/// </summary>
internal sealed record AuditQuery
{
    /// <summary>Entries at or after this time (UTC).</summary>
    public DateTime? Since { get; init; }

    /// <summary>Entries before this time (UTC).</summary>
    public DateTime? Until { get; init; }

    /// <summary>Entries of exactly this actor (<c>user:ana@example.com</c>).</summary>
    public string? Subject { get; init; }

    /// <summary>Entries filed under exactly this workspace.</summary>
    public string? Workspace { get; init; }

    /// <summary>Entries whose action is this one or starts with it and a dot (<c>rollout</c> matches <c>rollout.pause</c>).</summary>
    public string? Action { get; init; }

    /// <summary>Entries of exactly this target (a sha, a cluster, <c>workspace:ran</c>).</summary>
    public string? Target { get; init; }

    /// <summary>The caller's workspaces when it may not read fleet-wide entries; null: no restriction.</summary>
    public IReadOnlyCollection<string>? VisibleWorkspaces { get; init; }
}
