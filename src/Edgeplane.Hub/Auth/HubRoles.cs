namespace Edgeplane.Hub.Auth;

/// <summary>Role names of API tokens and workspace grants (see <see cref="HubPolicies"/> for what each may do).</summary>
internal static class HubRoles
{
    public const string FleetAdmin = "fleet-admin";
    public const string WorkspaceAdmin = "workspace-admin";
    public const string WorkspaceMember = "workspace-member";
    public const string Viewer = "viewer";

    /// <summary>Authorization policy for mutating fleet-wide calls (approve a held revision).</summary>
    public const string FleetAdminPolicy = "FleetAdmin";

    /// <summary>Every role, strongest first.</summary>
    public static readonly IReadOnlyList<string> All = [FleetAdmin, WorkspaceAdmin, WorkspaceMember, Viewer];
}
