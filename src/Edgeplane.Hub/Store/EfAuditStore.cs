using System.Globalization;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary><see cref="IAuditStore"/> on EF Core: the audit log.</summary>
internal sealed class EfAuditStore(IDbContextFactory<HubDbContext> contexts, TimeProvider time) : IAuditStore
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public Task AppendAsync(string actor, string action, string target, string outcome, string? details,
        CancellationToken cancellationToken) =>
        AppendAsync(StoreRows.Audit(actor, action, target, outcome, details), cancellationToken);

    public async Task AppendAsync(StoreRows.AuditData entry, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        StoreRows.AddAudit(db, Now, entry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<Page<AuditView>> ListAuditAsync(int limit, string? continueToken, CancellationToken cancellationToken) =>
        ListAuditAsync(new AuditQuery(), limit, continueToken, cancellationToken);

    public async Task<Page<AuditView>> ListAuditAsync(AuditQuery query, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = contexts.CreateDbContext();
        var rows = Filter(db.Audit.AsNoTracking(), query);
        if (continueToken is not null)
        {
            var before = ContinueToken.DecodeId(continueToken);
            rows = rows.Where(a => a.Id < before);
        }
        var items = await rows.OrderByDescending(a => a.Id).Take(limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = StoreRows.Paged(items, limit, a => a.Id.ToString(CultureInfo.InvariantCulture));
        return new Page<AuditView>([.. page.Items.Select(View)], page.Continue);
    }

    public async Task<int> PruneAsync(DateTime olderThan, long keep, int batch, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        await using var db = contexts.CreateDbContext();
        // The oldest id still inside the newest `keep` entries; everything below it is over the count.
        var floor = await db.Audit.OrderByDescending(a => a.Id).Skip((int)Math.Min(keep, int.MaxValue)).Select(a => (long?)a.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var beyond = floor is { } f ? f + 1 : 0;
        var doomed = db.Audit.Where(a => a.Time < olderThan || a.Id < beyond);
        var last = await doomed.OrderBy(a => a.Id).Skip(batch - 1).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? long.MaxValue;
        return await doomed.Where(a => a.Id <= last).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> rows, AuditQuery query)
    {
        if (query.Since is { } since)
        {
            rows = rows.Where(a => a.Time >= since);
        }
        if (query.Until is { } until)
        {
            rows = rows.Where(a => a.Time < until);
        }
        if (query.Subject is { } subject)
        {
            rows = rows.Where(a => a.Actor == subject);
        }
        if (query.Workspace is { } workspace)
        {
            rows = rows.Where(a => a.Workspace == workspace);
        }
        if (query.Action is { } action)
        {
            var prefix = action + ".";
            rows = rows.Where(a => a.Action == action || a.Action.StartsWith(prefix));
        }
        if (query.Target is { } target)
        {
            rows = rows.Where(a => a.Target == target);
        }
        if (query.VisibleWorkspaces is { } visible)
        {
            var list = visible.ToList();
            rows = rows.Where(a => a.Workspace != null && list.Contains(a.Workspace));
        }
        return rows;
    }

    private static AuditView View(AuditEntry a) => new(a.Id, a.Time, a.Actor, a.Action, a.Target, a.Outcome, a.Details)
    {
        Credential = a.Credential,
        Source = a.Source,
        Workspace = a.Workspace,
    };
}
