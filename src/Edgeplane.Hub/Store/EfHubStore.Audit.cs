using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

internal sealed partial class EfHubStore
{
    public async Task AppendAsync(string actor, string action, string target, string outcome, string? details,
        CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        AddAudit(db, Audit(actor, action, target, outcome, details));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<AuditEntry>> ListAuditAsync(int limit, string? continueToken, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.Audit.AsNoTracking();
        if (continueToken is not null)
        {
            var before = ContinueToken.DecodeId(continueToken);
            query = query.Where(a => a.Id < before);
        }
        var items = await query.OrderByDescending(a => a.Id).Take(limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Paged(items, limit, a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Page<T> Paged<T>(List<T> items, int limit, Func<T, string> key)
    {
        if (items.Count <= limit)
        {
            return new Page<T>(items, null);
        }
        items.RemoveAt(items.Count - 1);
        return new Page<T>(items, ContinueToken.Encode(key(items[^1])));
    }
}
