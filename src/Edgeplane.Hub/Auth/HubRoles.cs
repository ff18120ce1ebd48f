namespace Edgeplane.Hub.Auth;

/// <summary>Role names of API tokens (full RBAC comes later; today only fleet-admin tokens are issued).</summary>
internal static class HubRoles
{
    public const string FleetAdmin = "fleet-admin";
    public const string WorkspaceAdmin = "workspace-admin";
    public const string WorkspaceMember = "workspace-member";
    public const string Viewer = "viewer";

    /// <summary>Authorization policy for mutating fleet-wide calls (approve a held revision).</summary>
    public const string FleetAdminPolicy = "FleetAdmin";
}
