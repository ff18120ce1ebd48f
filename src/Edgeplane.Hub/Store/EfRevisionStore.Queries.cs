using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

internal sealed partial class EfRevisionStore
{
    public async Task<ApproveOutcome> ApproveAsync(string sha, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.LockForWriteAsync(cancellationToken).ConfigureAwait(false);
        var revision = await FindRevisionAsync(db.Revisions, sha, cancellationToken).ConfigureAwait(false);
        var outcome = revision is null ? ApproveOutcome.NotFound
            : revision.State == RevisionState.Held ? ApproveOutcome.Approved
            : ApproveOutcome.NotHeld;
        if (revision is not null && outcome == ApproveOutcome.Approved)
        {
            revision.State = RevisionState.Approved;
            revision.ApprovedBy = actor.Subject;
        }
        var details = outcome switch
        {
            ApproveOutcome.Approved => $"approved removals: {revision!.Reason}",
            ApproveOutcome.NotHeld => $"revision is {revision!.State}, not Held",
            _ => "no such revision",
        };
        StoreRows.AddAudit(db, Now, StoreRows.Audit(actor, "revision.approve", revision?.Sha ?? sha,
            outcome == ApproveOutcome.Approved ? "Succeeded" : "Failed", details));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    public async Task<RevisionView?> GetRevisionAsync(string sha, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var found = await FindRevisionAsync(db.Revisions.AsNoTracking().Include(r => r.Errors.OrderBy(e => e.Id)), sha, cancellationToken)
            .ConfigureAwait(false);
        return found is null ? null : RevisionView.Of(found);
    }

    /// <summary>Exact sha, or a unique prefix of at least 7 hex characters.</summary>
    private static async Task<RevisionRecord?> FindRevisionAsync(IQueryable<RevisionRecord> revisions, string sha, CancellationToken cancellationToken)
    {
        sha = sha.ToLowerInvariant();
        if (sha.Length < 7 || !sha.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        var found = await revisions.Where(r => r.Sha.StartsWith(sha)).Take(2).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Count == 1 ? found[0] : found.Find(r => r.Sha == sha);
    }

    public async Task<Page<RevisionView>> ListRevisionsAsync(int limit, string? continueToken, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.Revisions.AsNoTracking();
        if (continueToken is not null)
        {
            var before = ContinueToken.DecodeId(continueToken);
            query = query.Where(r => r.Id < before);
        }
        var items = await query.OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = StoreRows.Paged(items, limit, r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new Page<RevisionView>(page.Items.Select(RevisionView.Of).ToList(), page.Continue);
    }
}
