using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Edgeplane.Hub.Store;

/// <summary>
/// <see cref="IAgentStateStore"/> on EF Core: status reports (with what a management cluster reports about the clusters
/// it provisions), session claims and availability, in batches.
/// </summary>
internal sealed class EfAgentStateStore(IDbContextFactory<HubDbContext> contexts) : IAgentStateStore
{
    private const string StatusUpdate = """
        UPDATE "clusters" SET "StatusSequence"=@p1,"LastSeen"=@p2,"AppliedDigest"=@p3,"ObservedKubernetesVersion"=@p4,"Health"=@p5,
          "Drifted"=@p6,"ConditionsJson"=@p7,"AgentVersion"=@p8,"ObjectCount"=@p9,"ObjectsFailed"=@p10,"ObjectsInProgress"=@p11,
          "DriftCount"=@p12,"StatusDetailsJson"=@p13
        WHERE "Name"=@p0 AND "Removed"=@p14 AND "StatusSequence"<@p1
        """;

    private const string ClaimUpdate = """
        UPDATE "clusters" SET "AgentSession"=@p1,"AgentVersion"=COALESCE(@p2,"AgentVersion"),"LastSeen"=@p3,"OwnerInstance"=@p4 WHERE "Name"=@p0
        """;

    private const string AvailabilityUpdate = """
        UPDATE "clusters" SET "Availability"=@p2,"AvailabilitySince"=@p3,"AvailabilityReason"=@p4 WHERE "Name"=@p0 AND "AgentSession"=@p1
        """;

    public async Task<IReadOnlyList<StatusReportOutcome>> RecordStatusBatchAsync(
        IReadOnlyList<ClusterStatusReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return [];
        }
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var counts = await StatementBatch.ExecuteAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), StatusUpdate,
            reports.Select(StatusRow).ToList(), cancellationToken).ConfigureAwait(false);
        var missed = reports.Where((_, i) => counts[i] == 0).Select(r => r.Cluster).Distinct(StringComparer.Ordinal).ToList();
        var known = missed.Count == 0 ? [] : await db.Clusters.AsNoTracking().Where(c => missed.Contains(c.Name) && !c.Removed)
            .Select(c => c.Name).ToHashSetAsync(StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        await RecordProvisionedAsync(db, tx.GetDbTransaction(), reports.Where((_, i) => counts[i] > 0).ToList(), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return reports.Select((r, i) => counts[i] > 0 ? StatusReportOutcome.Recorded
            : known.Contains(r.Cluster) ? StatusReportOutcome.Stale : StatusReportOutcome.UnknownCluster).ToList();
    }

    /// <summary>
    /// A recorded report of a management cluster updates what the hub knows of each cluster it provisions (those whose
    /// <c>ManagementCluster</c> it is; entries naming other clusters are ignored): the entry for it, or, when the report is
    /// complete and has none, that its Cluster object is gone. Removed clusters too, so a deletion is followed to its end.
    /// </summary>
    private static async Task RecordProvisionedAsync(HubDbContext db, System.Data.Common.DbTransaction transaction,
        List<ClusterStatusReport> recorded, CancellationToken cancellationToken)
    {
        if (recorded.Count == 0)
        {
            return;
        }
        // The newest report of each management cluster in the batch speaks for it.
        var latest = recorded.GroupBy(r => r.Cluster, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Sequence)!, StringComparer.Ordinal);
        var names = latest.Keys.ToList();
        var managed = await db.Clusters.AsNoTracking().Where(c => c.ManagementCluster != null && names.Contains(c.ManagementCluster))
            .Select(c => new { c.Name, c.ManagementCluster, c.ProvisionedStatusJson }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        foreach (var cluster in managed)
        {
            var report = latest[cluster.ManagementCluster!];
            var entry = report.Provisioned.FirstOrDefault(p => p.Cluster == cluster.Name);
            if (entry is null && !report.ProvisionedComplete)
            {
                continue; // left out for room, not gone
            }
            var stored = cluster.ProvisionedStatusJson is { } json ? JsonSerializer.Deserialize<ProvisionedObservation>(json) : null;
            if (stored is not null && stored.ReportedBy == report.Cluster && (entry is null ? stored.Object is null : entry.SameAs(stored.Object)))
            {
                continue;
            }
            var observation = new ProvisionedObservation(report.Cluster, DateTime.SpecifyKind(report.ObservedAt, DateTimeKind.Utc), entry);
            rows.Add([cluster.Name, JsonSerializer.Serialize(observation)]);
        }
        await StatementBatch.ExecuteAsync(db.Database.GetDbConnection(), transaction,
            """UPDATE "clusters" SET "ProvisionedStatusJson"=@p1 WHERE "Name"=@p0""", rows, cancellationToken).ConfigureAwait(false);
    }

    private static object?[] StatusRow(ClusterStatusReport r) =>
    [
        r.Cluster, r.Sequence, DateTime.SpecifyKind(r.ObservedAt, DateTimeKind.Utc), CutOrNull(r.AppliedDigest, 80),
        CutOrNull(r.KubernetesVersion, 32), CutOrNull(r.Health, 32), r.Drifted, JsonSerializer.Serialize(r.Conditions),
        CutOrNull(r.AgentVersion, 64), r.ObjectCount, r.ObjectsFailed, r.ObjectsInProgress, r.DriftCount, r.DetailsJson, false,
    ];

    private static string? CutOrNull(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];

    public async Task<IReadOnlyList<string>> WriteAgentStateAsync(AgentStateBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return [];
        }
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        await StatementBatch.ExecuteAsync(connection, transaction, ClaimUpdate,
            batch.Claims.Select(c => new object?[] { c.Cluster, c.Session, CutOrNull(c.AgentVersion, 64), Utc(c.At), batch.Instance }).ToList(),
            cancellationToken).ConfigureAwait(false);
        var counts = await StatementBatch.ExecuteAsync(connection, transaction, AvailabilityUpdate,
            batch.Changes.Select(c => new object?[] { c.Cluster, c.Session, c.Availability, Utc(c.Since), CutOrNull(c.Reason, 64) }).ToList(),
            cancellationToken).ConfigureAwait(false);
        await BulkSql.ForKeysAsync(connection, transaction, """UPDATE "clusters" SET "LastSeen"=@f0 WHERE "Name" """,
            batch.Seen, [Utc(batch.SeenAt)], cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return batch.Changes.Where((_, i) => counts[i] == 0).Select(c => c.Cluster).ToList();
    }

    public async Task<int> MarkUnseenOfflineAsync(DateTime seenBefore, DateTime now, CancellationToken cancellationToken)
    {
        var before = Utc(seenBefore);
        var at = Utc(now);
        await using var db = contexts.CreateDbContext();
        return await db.Clusters
            .Where(c => (c.Availability == LinkRule.Online || c.Availability == LinkRule.Degraded || c.Availability == LinkRule.Unknown)
                && (c.LastSeen == null || c.LastSeen < before))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Availability, "Offline")
                .SetProperty(c => c.AvailabilitySince, at)
                .SetProperty(c => c.AvailabilityReason, "NoGatewayHearsIt"), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredAvailability>> ListAvailabilityAsync(string instance, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.Clusters.AsNoTracking()
            .Where(c => c.Availability != null && !c.Removed
                && (c.OwnerInstance == null || c.OwnerInstance == instance || !db.HubInstances.Any(i => i.Id == c.OwnerInstance)))
            .Select(c => new { c.Name, c.Availability, c.AvailabilitySince, c.AvailabilityReason, c.AgentSession, c.LastSeen })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new StoredAvailability(r.Name, r.Availability!, Utc(r.AvailabilitySince ?? DateTime.MinValue),
            r.AvailabilityReason, r.AgentSession, r.LastSeen is { } seen ? Utc(seen) : null)).ToList();
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
