using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary><see cref="IBundleStore"/> on EF Core: content-addressed, compressed bundles.</summary>
internal sealed class EfBundleStore(IDbContextFactory<HubDbContext> contexts) : IBundleStore
{
    public async Task<BundleContent?> GetBundleAsync(string digest, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Bundles.AsNoTracking().Where(b => b.Digest == digest).Select(b => new BundleContent(b.Digest, b.Encoding, b.Data, b.Size))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
