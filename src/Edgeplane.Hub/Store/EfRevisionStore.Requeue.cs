using Edgeplane.Hub.Api.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

internal sealed partial class EfRevisionStore
{
    public async Task<string?> RequeueAppliedHeadAsync(string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.LockForWriteAsync(cancellationToken).ConfigureAwait(false);
        var head = await db.SourceState.AsNoTracking().Select(s => s.Head).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var newest = await db.Revisions.Include(r => r.Errors).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (newest is null || newest.Sha != head || newest.State != RevisionState.Applied)
        {
            return null;
        }
        newest.State = RevisionState.Pending;
        newest.Reason = StoreLimits.Cut(reason, StoreLimits.MaxReason);
        newest.Errors.Clear(); // recorded again (workspace rejections) when it is applied again
        StoreRows.AddAudit(db, Now, StoreRows.Audit(AuditActor.Hub, "revision.requeue", newest.Sha, nameof(RevisionState.Pending), newest.Reason));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return newest.Sha;
    }
}
