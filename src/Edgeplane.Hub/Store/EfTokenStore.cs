using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary><see cref="ITokenStore"/> on EF Core: API tokens (hashes only); creating one is audited.</summary>
internal sealed class EfTokenStore(IDbContextFactory<HubDbContext> contexts, TimeProvider time) : ITokenStore
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<bool> AnyTokenAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ApiTokens.AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddTokenAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var db = contexts.CreateDbContext();
        db.ApiTokens.Add(new ApiTokenRecord { Id = token.Id, Name = token.Name, Role = token.Role, Hash = token.Hash, CreatedAt = token.CreatedAt });
        StoreRows.AddAudit(db, Now, StoreRows.Audit("hub", "token.create", $"token:{token.Name}", "Succeeded", $"role {token.Role}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && !t.Revoked)
            .Select(t => new ApiToken(t.Id, t.Name, t.Role, t.Hash, t.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
