using System.Security.Claims;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// What a caller's grants let it see and manage: the whole fleet (fleet-admin, or a viewer without a workspace), or only
/// the workspaces it holds a role in (<see cref="Workspaces"/>), of which it administers <see cref="AdminOf"/>.
/// </summary>
internal sealed record CallerScope(bool IsFleetAdmin, bool IsFleetWide, IReadOnlyList<string> Workspaces, IReadOnlyList<string> AdminOf)
{
    /// <summary>The scope of <paramref name="user"/>'s grants.</summary>
    public static CallerScope Of(ClaimsPrincipal user)
    {
        var grants = HubGrant.Of(user);
        var fleetAdmin = grants.Any(g => g is { Role: HubRoles.FleetAdmin, Workspace: null });
        var fleetWide = fleetAdmin || grants.Any(g => g is { Role: HubRoles.Viewer, Workspace: null });
        var workspaces = grants.Where(g => g.Workspace is not null).Select(g => g.Workspace!).Distinct(StringComparer.Ordinal).ToList();
        var admin = grants.Where(g => g is { Role: HubRoles.WorkspaceAdmin, Workspace: not null }).Select(g => g.Workspace!)
            .Distinct(StringComparer.Ordinal).ToList();
        return new CallerScope(fleetAdmin, fleetWide, workspaces, admin);
    }

    /// <summary>The workspaces to narrow a view to; null when the caller sees the whole fleet.</summary>
    public IReadOnlyList<string>? Narrowing => IsFleetWide ? null : Workspaces;

    /// <summary>The caller's subject (<c>user:…</c>, <c>token:admin</c>), for audit entries.</summary>
    public static string Subject(ClaimsPrincipal user) => user?.Identity?.Name ?? "unknown";
}
