using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

internal sealed partial class EfHubStore
{
    public async Task<bool> AnyTokenAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ApiTokens.AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var db = contexts.CreateDbContext();
        db.ApiTokens.Add(token);
        AddAudit(db, Audit("hub", "token.create", $"token:{token.Name}", "Succeeded", $"role {token.Role}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiTokenRecord?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ApiTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Hash == hash && !t.Revoked, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BundleRecord?> GetBundleAsync(string digest, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Bundles.AsNoTracking().FirstOrDefaultAsync(b => b.Digest == digest, cancellationToken).ConfigureAwait(false);
    }
}
