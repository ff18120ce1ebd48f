namespace Edgeplane.Hub.Store.Entities;

/// <summary>One cluster a workspace's <c>spec.targets</c> selects at the last applied revision.</summary>
internal sealed class WorkspaceClusterRecord
{
    public required string Workspace { get; set; }

    public required string Cluster { get; set; }
}
