namespace Edgeplane.Model.Specs;

/// <summary>A member's role in a workspace.</summary>
public enum WorkspaceRole
{
    /// <summary>Manages the workspace and its members.</summary>
    Admin,
    /// <summary>Deploys the workspace's applications.</summary>
    Member,
    /// <summary>Reads only.</summary>
    Viewer,
}
