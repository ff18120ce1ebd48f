using System.Runtime.CompilerServices;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Edgeplane.Hub.Events;

/// <summary>
/// Tells <see cref="FleetEvents"/> what every saved unit of work changed: cluster rows, revisions, rollout runs (and their
/// waves and members), audit entries. One hook at the store, so no writer can forget to announce; the announcement goes
/// out once the save succeeded. Bulk statements (<c>ExecuteUpdate</c>) bypass it: their callers announce themselves.
/// </summary>
internal sealed class FleetChangeInterceptor(FleetEvents events) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];
    private readonly ConditionalWeakTable<DbContext, object> _detected = [];

    /// <summary>What a save changes; rollout rows are kept as entities, as a new run's id exists only once it is saved.</summary>
    private sealed record Pending(List<string> Clusters, List<string> Revisions, List<object> Rollouts, bool Audit);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Announce(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Announce(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
            RestoreDetection(context);
        }
    }

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
            RestoreDetection(context);
        }
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesCanceled(eventData);
        return Task.CompletedTask;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // This hook runs before SaveChanges detects changes: detect them once here and let the save skip its own pass
        // (a 10,000-cluster commit tracks tens of thousands of rows); the setting is restored when the save ends.
        var tracker = context.ChangeTracker;
        if (tracker.AutoDetectChangesEnabled)
        {
            tracker.DetectChanges();
            tracker.AutoDetectChangesEnabled = false;
            _detected.AddOrUpdate(context, this);
        }
        List<string> clusters = [];
        List<string> revisions = [];
        List<object> rollouts = [];
        var audit = false;
        foreach (var tracked in context.ChangeTracker.Entries())
        {
            if (tracked.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (tracked.Entity)
            {
                case ClusterRecord cluster:
                    clusters.Add(cluster.Name);
                    break;
                case RevisionRecord revision:
                    revisions.Add(revision.Sha);
                    break;
                case RolloutRecord or RolloutWaveRecord or RolloutMemberRecord:
                    rollouts.Add(tracked.Entity);
                    break;
                case AuditEntry entry when entry.Action.StartsWith("cluster.", StringComparison.Ordinal):
                    // Written beside a bulk statement (a lifecycle phase, a revocation): the entry names the cluster.
                    clusters.Add(entry.Target);
                    audit = true;
                    break;
                case AuditEntry:
                    audit = true;
                    break;
            }
        }
        if (clusters.Count > 0 || revisions.Count > 0 || rollouts.Count > 0 || audit)
        {
            _pending.AddOrUpdate(context, new Pending(clusters, revisions, rollouts, audit));
        }
    }

    private static long RunOf(object row) => row switch
    {
        RolloutRecord run => run.Id,
        RolloutWaveRecord wave => wave.RolloutId,
        RolloutMemberRecord member => member.RolloutId,
        _ => 0,
    };

    private void RestoreDetection(DbContext context)
    {
        if (_detected.Remove(context))
        {
            context.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private void Announce(DbContext? context)
    {
        if (context is not null)
        {
            RestoreDetection(context);
        }
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        _pending.Remove(context);
        events.ClustersChanged(pending.Clusters);
        events.RevisionsChanged(pending.Revisions);
        events.RolloutsChanged(pending.Rollouts.Select(RunOf).Where(id => id > 0).Distinct());
        if (pending.Audit)
        {
            events.AuditAppended();
        }
    }
}
