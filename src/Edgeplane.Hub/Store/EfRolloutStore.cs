using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Rollouts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Protocol;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>
/// <see cref="IRolloutStore"/> on EF Core. Each step of a run reads the run and its members' clusters, lets
/// <see cref="RunStep"/> decide, and writes the run, the target moves (guarded: a target that changed meanwhile is not
/// touched) and the audit entries in one transaction under the revision write lock, so a step and a revision being
/// applied never interleave, and a hub that dies mid-step leaves the state of the step before.
/// </summary>
internal sealed partial class EfRolloutStore(
    IDbContextFactory<HubDbContext> contexts, ITargetChangePublisher publisher, HubInstance instance, TimeProvider time) : IRolloutStore
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static readonly string[] Active =
        [nameof(RolloutState.Pending), nameof(RolloutState.Progressing), nameof(RolloutState.Paused), nameof(RolloutState.WaitingForWindow)];

    public async Task<int> StepAsync(RunStepSettings settings, CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = contexts.CreateDbContext())
        {
            ids = await db.Rollouts.AsNoTracking().Where(r => Active.Contains(r.State)).OrderBy(r => r.Id).Select(r => r.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        var active = 0;
        foreach (var id in ids)
        {
            active += await StepRunAsync(id, settings, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }
        return active;
    }

    /// <summary>Steps one run; true when it is still active afterwards.</summary>
    private async Task<bool> StepRunAsync(long id, RunStepSettings settings, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.LockForWriteAsync(cancellationToken).ConfigureAwait(false);
        var run = await LoadAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (run is null || !RunStep.IsActive(run.State))
        {
            return false;
        }
        var names = run.Members.Select(m => m.Cluster).ToList();
        var clusters = await db.Clusters.Where(c => EF.Parameter(names).Contains(c.Name) && !c.Removed)
            .ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var now = Now;
        var live = await LinkRule.LiveInstancesAsync(db, instance, now, cancellationToken).ConfigureAwait(false);
        var step = new RunStep(run, clusters.ToDictionary(c => c.Key, c => Observe(c.Value, live), StringComparer.Ordinal), now, settings);
        step.Run();
        if (!step.Changed)
        {
            return RunStep.IsActive(run.State);
        }
        var changes = ApplyMoves(run, step.Moves, clusters, now);
        HoldLagging(run, clusters);
        foreach (var e in step.Events)
        {
            StoreRows.AddAudit(db, now, StoreRows.Audit("rollout-engine", e.Action, e.Target, e.Outcome, e.Details));
        }
        await publisher.InTransactionAsync(db, changes, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        publisher.AfterCommit(changes);
        return RunStep.IsActive(run.State);
    }

    private static Task<RolloutRecord?> LoadAsync(HubDbContext db, long id, CancellationToken cancellationToken) =>
        db.Rollouts.Include(r => r.Waves).Include(r => r.Members).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>A member's cluster as the engine sees it; its link is judged by <see cref="LinkRule"/>, never the stored column alone.</summary>
    private static MemberObservation Observe(ClusterRecord c, IReadOnlySet<string> live)
    {
        var link = LinkRule.Effective(c, live);
        return new(c.TargetDigest, c.DesiredDigest, c.AppliedDigest, c.Health, LinkRule.IsVouched(link.Availability), link.Since,
            c.ObservedKubernetesVersion, NodesOf(c.ConditionsJson));
    }

    /// <summary>The <c>NodesReady</c> condition among a cluster's stored conditions (read only when there is one).</summary>
    private static ClusterCondition? NodesOf(string conditionsJson) =>
        !conditionsJson.Contains(ConditionTypes.NodesReady, StringComparison.Ordinal) ? null
            : JsonSerializer.Deserialize<List<ClusterCondition>>(conditionsJson)?.FirstOrDefault(c => c.Type == ConditionTypes.NodesReady);

    /// <summary>Sets each decided target, only where the cluster's target is still what the run expects.</summary>
    private static List<ClusterTargetChange> ApplyMoves(RolloutRecord run, List<TargetMove> moves, Dictionary<string, ClusterRecord> clusters, DateTime now)
    {
        var changes = new List<ClusterTargetChange>(moves.Count);
        foreach (var move in moves)
        {
            if (!clusters.TryGetValue(move.Cluster, out var cluster) || cluster.TargetDigest != move.Expected)
            {
                continue;
            }
            cluster.TargetDigest = move.Digest;
            cluster.TargetRevision = move.Rollback ? move.Revision : run.Sha;
            cluster.TargetChangedAt = now;
            cluster.TargetGeneration++;
            changes.Add(new ClusterTargetChange(cluster.Name, move.Digest, cluster.TargetRevision, cluster.TargetGeneration));
        }
        return changes;
    }

    /// <summary>When a run ends short (failed, rolled back), its members whose target lags their desired digest are held by it.</summary>
    private static void HoldLagging(RolloutRecord run, Dictionary<string, ClusterRecord> clusters)
    {
        if (run.State is not (nameof(RolloutState.Failed) or nameof(RolloutState.RolledBack) or nameof(RolloutState.Aborted)))
        {
            return;
        }
        foreach (var member in run.Members)
        {
            if (clusters.TryGetValue(member.Cluster, out var cluster) && cluster.TargetDigest != cluster.DesiredDigest)
            {
                cluster.HeldByRollout = run.Id;
            }
        }
    }
}
