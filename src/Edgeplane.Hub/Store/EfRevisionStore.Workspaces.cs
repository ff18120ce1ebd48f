using System.Text.Json;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>The workspace directory, replaced whole by every applied revision (in its transaction).</summary>
internal sealed partial class EfRevisionStore
{
    private static async Task ReplaceWorkspacesAsync(HubDbContext db, RevisionPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Workspaces is not { } workspaces)
        {
            return;
        }
        await db.WorkspaceClusters.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Workspaces.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var workspace in workspaces)
        {
            db.Workspaces.Add(new WorkspaceRecord
            {
                Name = workspace.Name, Revision = plan.Sha,
                MembersJson = JsonSerializer.Serialize(workspace.Members), NamespacesJson = JsonSerializer.Serialize(workspace.Namespaces),
                WorkloadsJson = JsonSerializer.Serialize(workspace.Workloads),
            });
            db.WorkspaceClusters.AddRange(workspace.Clusters.Distinct(StringComparer.Ordinal)
                .Select(c => new WorkspaceClusterRecord { Workspace = workspace.Name, Cluster = c }));
        }
    }
}
