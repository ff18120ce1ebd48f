using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary><see cref="IInstanceLeaseStore"/> on EF Core: the <c>hub_instances</c> table and bulk updates of <c>clusters</c>.</summary>
internal sealed class EfInstanceLeaseStore(IDbContextFactory<HubDbContext> contexts) : IInstanceLeaseStore
{
    public async Task<LeaseSweep> StartAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var at = Utc(now);
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.HubInstances.Add(new HubInstanceRecord { Id = instance.Id, Name = instance.Name, StartedAt = at, RenewedAt = at });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var (id, name) = (instance.Id, instance.Name);
        // One hub process per SQLite file: whoever served a link before this start is gone, whatever its name.
        var single = db is SqliteHubDbContext;
        var predecessors = single ? db.HubInstances.Where(i => i.Id != id) : db.HubInstances.Where(i => i.Id != id && i.Name == name);
        var restarted = await MarkUnknownAsync(single
                ? Vouched(db).Where(c => c.OwnerInstance == null || c.OwnerInstance != id)
                : Vouched(db).Where(c => predecessors.Any(i => i.Id == c.OwnerInstance)),
            at, LinkRule.HubRestarted, cancellationToken).ConfigureAwait(false);
        await predecessors.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var gone = await SweepAsync(db, instance, at, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new LeaseSweep(restarted, gone);
    }

    public async Task<LeaseRenewal> RenewAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var at = Utc(now);
        var id = instance.Id;
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var renewed = await db.HubInstances.Where(i => i.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RenewedAt, at), cancellationToken).ConfigureAwait(false);
        if (renewed == 0)
        {
            // Another replica found the lease expired and swept it (this process stalled or lost the database for longer
            // than the lease): take a new one; the caller writes its links' states again.
            db.HubInstances.Add(new HubInstanceRecord { Id = id, Name = instance.Name, StartedAt = at, RenewedAt = at });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        var gone = await SweepAsync(db, instance, at, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new LeaseRenewal(renewed == 0, gone);
    }

    public async Task<int> ReleaseAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var at = Utc(now);
        var id = instance.Id;
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var released = await MarkUnknownAsync(Vouched(db).Where(c => c.OwnerInstance == id), at, LinkRule.HubStopped, cancellationToken)
            .ConfigureAwait(false);
        await db.HubInstances.Where(i => i.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return released;
    }

    /// <summary>Forgets the other instances whose lease expired, then marks Unknown every vouched link no registered instance serves.</summary>
    private static async Task<int> SweepAsync(HubDbContext db, HubInstance instance, DateTime at, CancellationToken cancellationToken)
    {
        var id = instance.Id;
        var cutoff = instance.LeaseCutoff(at);
        await db.HubInstances.Where(i => i.Id != id && i.RenewedAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return await MarkUnknownAsync(Vouched(db).Where(c => c.OwnerInstance == null || !db.HubInstances.Any(i => i.Id == c.OwnerInstance)),
            at, LinkRule.OwnerGone, cancellationToken).ConfigureAwait(false);
    }

    private static Task<int> MarkUnknownAsync(IQueryable<ClusterRecord> links, DateTime at, string reason, CancellationToken cancellationToken) =>
        links.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Availability, LinkRule.Unknown)
            .SetProperty(c => c.AvailabilitySince, at)
            .SetProperty(c => c.AvailabilityReason, reason), cancellationToken);

    private static IQueryable<ClusterRecord> Vouched(HubDbContext db) =>
        db.Clusters.Where(c => c.Availability == LinkRule.Online || c.Availability == LinkRule.Degraded);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
