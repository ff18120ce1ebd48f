using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// <see cref="IWorkspaceDirectory"/> over the stored directory of the last applied revision (never cached): per workspace,
/// the strongest role any of the caller's subjects is listed with.
/// </summary>
internal sealed class WorkspaceDirectory(IWorkspaceStore store) : IWorkspaceDirectory
{
    public async ValueTask<IReadOnlyList<HubGrant>> GrantsForAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var grants = new List<HubGrant>();
        foreach (var (workspace, members) in await store.ListMembersAsync(cancellationToken).ConfigureAwait(false))
        {
            var roles = subjects.Select(s => members.GetValueOrDefault(s)).OfType<string>().ToList();
            if (Strongest(roles) is { } role)
            {
                grants.Add(new HubGrant(role, workspace));
            }
        }
        return grants;
    }

    /// <summary>The strongest hub role of workspace roles: admin → workspace-admin, member → workspace-member, viewer → viewer.</summary>
    internal static string? Strongest(IReadOnlyCollection<string> roles) =>
        roles.Contains("admin") ? HubRoles.WorkspaceAdmin
        : roles.Contains("member") ? HubRoles.WorkspaceMember
        : roles.Contains("viewer") ? HubRoles.Viewer
        : null;
}
