using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary><see cref="IClusterStore"/> on EF Core: the cluster registry, the fleet summary and current targets.</summary>
internal sealed class EfClusterStore(IDbContextFactory<HubDbContext> contexts, IAgentStateStore agents, HubInstance instance, TimeProvider time)
    : IClusterStore
{
    public async Task<Page<ClusterView>> ListClustersAsync(ClusterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = contexts.CreateDbContext();
        var clusters = Filter(Scoped(db, db.Clusters.AsNoTracking().Include(c => c.Labels).Where(c => !c.Removed), query.Workspaces), query);
        if (query.After is not null)
        {
            clusters = clusters.Where(c => string.Compare(c.Name, query.After) > 0);
        }
        var items = await clusters.OrderBy(c => c.Name).Take(query.Limit + 1).AsSplitQuery()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = StoreRows.Paged(items, query.Limit, c => c.Name);
        var live = await LiveInstancesAsync(db, cancellationToken).ConfigureAwait(false);
        return new Page<ClusterView>(page.Items.Select(c => ClusterView.Of(c, live)).ToList(), page.Continue);
    }

    public async Task<Page<ClusterMapRow>> ListMapAsync(ClusterQuery query, DateTime offlineBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = contexts.CreateDbContext();
        var clusters = Filter(Scoped(db, db.Clusters.AsNoTracking().Where(c => !c.Removed), query.Workspaces), query);
        if (query.After is not null)
        {
            clusters = clusters.Where(c => string.Compare(c.Name, query.After) > 0);
        }
        // Only the columns the states need: no labels, conditions or status documents (at 10,000 sites those are most
        // of a full listing's cost).
        var items = await clusters.OrderBy(c => c.Name).Take(query.Limit + 1)
            .Select(c => new ClusterRecord
            {
                Name = c.Name, Layer = c.Layer, Region = c.Region, Site = c.Site,
                DesiredDigest = c.DesiredDigest, TargetDigest = c.TargetDigest, AppliedDigest = c.AppliedDigest,
                Health = c.Health, Drifted = c.Drifted, LastSeen = c.LastSeen, HeldByRollout = c.HeldByRollout,
                Availability = c.Availability, OwnerInstance = c.OwnerInstance,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = StoreRows.Paged(items, query.Limit, c => c.Name);
        var live = await LiveInstancesAsync(db, cancellationToken).ConfigureAwait(false);
        return new Page<ClusterMapRow>(
            page.Items.Select(c => new ClusterMapRow(c.Name, c.Layer, c.Region, c.Site, ClusterStateRule.Of(c, live, offlineBefore))).ToList(),
            page.Continue);
    }

    private static IQueryable<ClusterRecord> Filter(IQueryable<ClusterRecord> clusters, ClusterQuery query)
    {
        if (query.Layer is not null)
        {
            clusters = clusters.Where(c => c.Layer == query.Layer);
        }
        if (query.Region is not null)
        {
            clusters = clusters.Where(c => c.Region == query.Region);
        }
        if (query.Site is not null)
        {
            clusters = clusters.Where(c => c.Site == query.Site);
        }
        if (query.Health is not null)
        {
            clusters = query.Health == "Unknown"
                ? clusters.Where(c => c.Health == null || c.Health == "Unknown")
                : clusters.Where(c => c.Health == query.Health);
        }
        if (query.Phase is not null)
        {
            clusters = query.Phase == LifecyclePhases.Declared
                ? clusters.Where(c => c.LifecyclePhase == null || c.LifecyclePhase == LifecyclePhases.Declared)
                : clusters.Where(c => c.LifecyclePhase == query.Phase);
        }
        if (query.Names is { } names)
        {
            var list = names.ToList();
            clusters = clusters.Where(c => list.Contains(c.Name));
        }
        foreach (var term in query.Selector)
        {
            clusters = Match(clusters, term);
        }
        return clusters;
    }

    private static IQueryable<ClusterRecord> Match(IQueryable<ClusterRecord> clusters, LabelRequirement term)
    {
        var key = term.Key;
        var values = term.Values.ToList();
        return term.Operator switch
        {
            LabelOperator.In => clusters.Where(c => c.Labels.Any(l => l.Key == key && values.Contains(l.Value))),
            LabelOperator.NotIn => clusters.Where(c => !c.Labels.Any(l => l.Key == key && values.Contains(l.Value))),
            LabelOperator.Exists => clusters.Where(c => c.Labels.Any(l => l.Key == key)),
            _ => clusters.Where(c => !c.Labels.Any(l => l.Key == key)),
        };
    }

    public async Task<ClusterView?> GetClusterAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var cluster = await db.Clusters.AsNoTracking().Include(c => c.Labels)
            .FirstOrDefaultAsync(c => c.Name == name && !c.Removed, cancellationToken).ConfigureAwait(false);
        return cluster is null ? null : ClusterView.Of(cluster, await LiveInstancesAsync(db, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlySet<string>> ListLiveInstancesAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await LiveInstancesAsync(db, cancellationToken).ConfigureAwait(false);
    }

    private Task<HashSet<string>> LiveInstancesAsync(HubDbContext db, CancellationToken cancellationToken) =>
        LinkRule.LiveInstancesAsync(db, instance, time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>Only the clusters one of <paramref name="workspaces"/> targets (the workspace directory); all when null.</summary>
    internal static IQueryable<ClusterRecord> Scoped(HubDbContext db, IQueryable<ClusterRecord> clusters, IReadOnlyList<string>? workspaces)
    {
        if (workspaces is null)
        {
            return clusters;
        }
        var names = workspaces.ToList();
        return clusters.Where(c => db.WorkspaceClusters.Any(w => w.Cluster == c.Name && names.Contains(w.Workspace)));
    }

    public Task<FleetSummary> GetFleetSummaryAsync(DateTime offlineBefore, CancellationToken cancellationToken) =>
        GetFleetSummaryAsync(offlineBefore, null, cancellationToken);

    public async Task<FleetSummary> GetFleetSummaryAsync(DateTime offlineBefore, IReadOnlyList<string>? workspaces, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var live = (await LiveInstancesAsync(db, cancellationToken).ConfigureAwait(false)).ToList();
        var clusters = Scoped(db, db.Clusters.AsNoTracking().Where(c => !c.Removed), workspaces);
        var layers = await clusters.GroupBy(c => c.Layer)
            .Select(g => new LayerSummary(
                g.Key,
                g.Count(),
                g.Count(c => c.AppliedDigest != null && c.AppliedDigest == c.TargetDigest),
                g.Count(c => c.Drifted),
                g.Count(c => c.Health != null && c.Health != "Healthy" && c.Health != "Unknown" && c.Health != "Progressing"),
                g.Count(c => c.Availability == "Offline" || (c.Availability == null && (c.LastSeen == null || c.LastSeen < offlineBefore))),
                g.Count(c => c.Availability == "Unknown" || (c.Availability == null && c.LastSeen != null && c.LastSeen >= offlineBefore)
                    || ((c.Availability == "Online" || c.Availability == "Degraded") && (c.OwnerInstance == null || !live.Contains(c.OwnerInstance))))))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var current = await db.Revisions.AsNoTracking().Where(r => r.State == RevisionState.Applied)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var lastError = await db.Revisions.AsNoTracking().Include(r => r.Errors.OrderBy(e => e.Id).Take(1))
            .Where(r => r.State == RevisionState.Failed || r.State == RevisionState.Held)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (lastError is not null && current is not null && lastError.Id < current.Id)
        {
            lastError = null; // a later good revision resolved it
        }
        var converged = await clusters.CountAsync(ConvergenceRule.Converged, cancellationToken).ConfigureAwait(false);
        return new FleetSummary(layers.OrderBy(l => LayerRank(l.Layer)).ThenBy(l => l.Layer, StringComparer.Ordinal).ToList(),
            current is null ? null : RevisionView.Of(current), lastError is null ? null : RevisionView.Of(lastError), converged);
    }

    private static int LayerRank(string layer) => layer switch { "cloud" => 0, "regional" => 1, "edge" => 2, _ => 3 };

    public async Task<StatusReportOutcome> RecordStatusAsync(ClusterStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return (await agents.RecordStatusBatchAsync([report], cancellationToken).ConfigureAwait(false))[0];
    }

    public async Task<IReadOnlyList<ClusterTargetChange>> ListTargetsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Clusters.AsNoTracking().Where(c => !c.Removed && c.TargetDigest != null).OrderBy(c => c.Name)
            .Select(c => new ClusterTargetChange(c.Name, c.TargetDigest, c.TargetRevision, c.TargetGeneration))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
