namespace Edgeplane.Hub.Auth;

/// <summary>
/// The workspaces of the fleet's last applied revision, as the hub's authorisation needs them: who is a member of which
/// workspace with which role (from each Workspace's <c>spec.members</c>: <c>user:…</c> and <c>group:…</c> subjects).
/// </summary>
internal interface IWorkspaceDirectory
{
    /// <summary>
    /// The workspace grants of a caller known by these subjects (its own <c>user:…</c> and each <c>group:…</c> it is in):
    /// one per workspace whose members list any of them, with the strongest role listed there
    /// (admin → <c>workspace-admin</c>, member → <c>workspace-member</c>, viewer → <c>viewer</c>). Empty when none.
    /// </summary>
    ValueTask<IReadOnlyList<HubGrant>> GrantsForAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken);
}
