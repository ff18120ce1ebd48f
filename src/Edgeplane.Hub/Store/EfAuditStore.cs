using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary><see cref="IAuditStore"/> on EF Core: the audit log.</summary>
internal sealed class EfAuditStore(IDbContextFactory<HubDbContext> contexts, TimeProvider time) : IAuditStore
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task AppendAsync(string actor, string action, string target, string outcome, string? details,
        CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        StoreRows.AddAudit(db, Now, StoreRows.Audit(actor, action, target, outcome, details));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<AuditView>> ListAuditAsync(int limit, string? continueToken, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.Audit.AsNoTracking();
        if (continueToken is not null)
        {
            var before = ContinueToken.DecodeId(continueToken);
            query = query.Where(a => a.Id < before);
        }
        var items = await query.OrderByDescending(a => a.Id).Take(limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = StoreRows.Paged(items, limit, a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new Page<AuditView>(page.Items.Select(a => new AuditView(a.Id, a.Time, a.Actor, a.Action, a.Target, a.Outcome, a.Details)).ToList(),
            page.Continue);
    }
}
