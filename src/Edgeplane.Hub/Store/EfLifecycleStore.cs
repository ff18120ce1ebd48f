using System.Text.Json;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Edgeplane.Hub.Store;

/// <summary><see cref="ILifecycleStore"/> on EF Core.</summary>
internal sealed class EfLifecycleStore(IDbContextFactory<HubDbContext> contexts) : ILifecycleStore
{
    /// <summary>Names per query (the list travels as one parameter; this bounds it).</summary>
    private const int Chunk = 1_000;

    private const string Update = """
        UPDATE "clusters" SET "LifecyclePhase"=@p1,"LifecycleReason"=@p2,"LifecycleSince"=@p3,"LifecycleTransitionsJson"=@p4
        WHERE "Name"=@p0 AND COALESCE("LifecyclePhase",'')=@p5 AND COALESCE("LifecycleReason",'')=@p6
        """;

    public async Task<IReadOnlyList<LifecycleFacts>> ListFactsAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        if (names is null)
        {
            return await FactsAsync(db, db.Clusters.AsNoTracking(), cancellationToken).ConfigureAwait(false);
        }
        var facts = new Dictionary<string, LifecycleFacts>(StringComparer.Ordinal);
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var keys = chunk.ToList();
            var query = db.Clusters.AsNoTracking().Where(c => keys.Contains(c.Name) || (c.ManagementCluster != null && keys.Contains(c.ManagementCluster)));
            foreach (var f in await FactsAsync(db, query, cancellationToken).ConfigureAwait(false))
            {
                facts[f.Name] = f;
            }
        }
        return facts.Values.ToList();
    }

    private static async Task<List<LifecycleFacts>> FactsAsync(HubDbContext db, IQueryable<ClusterRecord> clusters, CancellationToken cancellationToken)
    {
        var rows = await clusters.Select(c => new
        {
            // The fields ConvergenceRule reads, so the one rule judges this projection too.
            Record = new ClusterRecord { Name = c.Name, Layer = c.Layer, DesiredDigest = c.DesiredDigest, AppliedDigest = c.AppliedDigest, Health = c.Health },
            c.Removed, c.TargetRevision, c.ManagementCluster, c.ProvisionedStatusJson,
            Enrolled = db.ClusterIdentities.Any(i => i.Cluster == c.Name && i.EnrolledAt != null && i.RevokedAt == null),
            c.LifecyclePhase, c.LifecycleReason, c.LifecycleSince, c.LifecycleTransitionsJson,
        }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new LifecycleFacts(r.Record.Name, r.Removed, r.Removed ? r.TargetRevision : null, r.ManagementCluster,
            r.ProvisionedStatusJson is { } json ? JsonSerializer.Deserialize<ProvisionedObservation>(json) : null, r.Enrolled,
            ConvergenceRule.IsConverged(r.Record), r.Record.AppliedDigest, r.LifecyclePhase, r.LifecycleReason,
            r.LifecycleSince is { } since ? DateTime.SpecifyKind(since, DateTimeKind.Utc) : null, r.LifecycleTransitionsJson)).ToList();
    }

    public async Task<IReadOnlyList<LifecycleChange>> WriteAsync(IReadOnlyList<LifecycleChange> changes, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return [];
        }
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = changes.Select(c => new object?[]
        {
            c.Cluster, c.Phase, StoreLimits.Cut(c.Reason, MaxReason), DateTime.SpecifyKind(c.Since, DateTimeKind.Utc), c.TransitionsJson,
            c.OldPhase ?? "", c.OldReason ?? "",
        }).ToList();
        var counts = await StatementBatch.ExecuteAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), Update, rows, cancellationToken)
            .ConfigureAwait(false);
        var written = changes.Where((_, i) => counts[i] > 0).ToList();
        foreach (var change in written.Where(c => c.PhaseChanged))
        {
            StoreRows.AddAudit(db, now, StoreRows.Audit(AuditActor.Hub, "cluster.lifecycle", change.Cluster, change.Phase, change.AuditDetails));
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    public async Task<IReadOnlyList<RemovedCluster>> ListUnrevokedRemovedAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Clusters.AsNoTracking()
            .Where(c => c.Removed && !db.ClusterIdentities.Any(i => i.Cluster == c.Name && i.RevokedAt != null))
            .OrderBy(c => c.Name)
            .Select(c => new RemovedCluster(c.Name, c.TargetRevision))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Longest stored reason (the column's length).</summary>
    public const int MaxReason = 1024;
}
