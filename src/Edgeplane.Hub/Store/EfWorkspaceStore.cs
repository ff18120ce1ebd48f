using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>
/// The stored workspace directory on EF Core. Read on every call, never cached: a member removed in Git loses access with
/// the revision that removes it.
/// </summary>
internal sealed class EfWorkspaceStore(IDbContextFactory<HubDbContext> contexts) : IWorkspaceStore
{
    public async Task<IReadOnlyList<WorkspaceView>> ListAsync(IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var names = only?.ToList();
        var rows = await db.Workspaces.AsNoTracking().Where(w => names == null || names.Contains(w.Name)).OrderBy(w => w.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var listed = rows.Select(r => r.Name).ToList();
        var clusters = (await db.WorkspaceClusters.AsNoTracking().Where(c => listed.Contains(c.Workspace)).ToListAsync(cancellationToken)
                .ConfigureAwait(false))
            .ToLookup(c => c.Workspace, c => c.Cluster, StringComparer.Ordinal);
        return rows.Select(r => new WorkspaceView(r.Name, r.Revision,
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.MembersJson) ?? [],
            JsonSerializer.Deserialize<List<string>>(r.NamespacesJson) ?? [],
            clusters[r.Name].Order(StringComparer.Ordinal).ToList(),
            JsonSerializer.Deserialize<List<Plans.DeclaredWorkload>>(r.WorkloadsJson) ?? [])).ToList();
    }

    public async Task<bool> ExistsAsync(string workspace, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Workspaces.AnyAsync(w => w.Name == workspace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<string>> ClustersOfAsync(IReadOnlyCollection<string> workspaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspaces);
        await using var db = contexts.CreateDbContext();
        var names = workspaces.ToList();
        var clusters = await db.WorkspaceClusters.AsNoTracking().Where(w => names.Contains(w.Workspace)).Select(w => w.Cluster)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return clusters.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> RolloutTouchesAsync(long id, IReadOnlyCollection<string> workspaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspaces);
        await using var db = contexts.CreateDbContext();
        var names = workspaces.ToList();
        return await db.RolloutMembers.AnyAsync(m => m.RolloutId == id
            && db.WorkspaceClusters.Any(w => w.Cluster == m.Cluster && names.Contains(w.Workspace)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> BundleReachesAsync(string digest, IReadOnlyCollection<string> workspaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspaces);
        await using var db = contexts.CreateDbContext();
        return await EfClusterStore.Scoped(db, db.Clusters.Where(c => !c.Removed), workspaces.ToList())
            .AnyAsync(c => c.DesiredDigest == digest || c.TargetDigest == digest || c.AppliedDigest == digest, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(string Workspace, IReadOnlyDictionary<string, string> Members)>> ListMembersAsync(
        CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var workspaces = await db.Workspaces.AsNoTracking().Select(w => new { w.Name, w.MembersJson })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return workspaces.OrderBy(w => w.Name, StringComparer.Ordinal)
            .Select(w => (w.Name, (IReadOnlyDictionary<string, string>)(JsonSerializer.Deserialize<Dictionary<string, string>>(w.MembersJson) ?? [])))
            .ToList();
    }
}
