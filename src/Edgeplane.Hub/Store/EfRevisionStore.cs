using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Rollouts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Model.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>
/// <see cref="IRevisionStore"/> on EF Core (SQLite or PostgreSQL): fetched revisions, their outcomes, and applying a
/// revision's plan in one transaction. Each call uses its own short-lived context, so one instance is shared.
/// </summary>
internal sealed partial class EfRevisionStore(
    IDbContextFactory<HubDbContext> contexts, ITargetChangePublisher publisher, TimeProvider time) : IRevisionStore
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static readonly RevisionState[] Waiting = [RevisionState.Pending, RevisionState.Held, RevisionState.Approved];

    public async Task<string?> GetHeadAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.SourceState.AsNoTracking().Select(s => s.Head).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SourceState?> GetSourceStateAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.SourceState.AsNoTracking().Select(s => new SourceState(s.Head, s.LastFetchAt, s.LastFetchError))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordFetchAsync(FetchRecord fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.LockForWriteAsync(cancellationToken).ConfigureAwait(false);
        var source = await SourceRowAsync(db, cancellationToken).ConfigureAwait(false);
        source.LastFetchAt = Now;
        source.LastFetchError = null;
        if (source.Head != fetch.Head)
        {
            await RecordNewHeadAsync(db, fetch, cancellationToken).ConfigureAwait(false);
            source.Head = fetch.Head;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordNewHeadAsync(HubDbContext db, FetchRecord fetch, CancellationToken cancellationToken)
    {
        // A new head decides alone: whatever was waiting (pending, held, approved) is superseded by it.
        var waiting = await db.Revisions.Where(r => Waiting.Contains(r.State)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var old in waiting)
        {
            old.State = RevisionState.Superseded;
            old.Reason = $"superseded by {fetch.Head} before it was applied";
        }
        var shas = fetch.NewCommits.Select(c => c.Sha).Append(fetch.Head).ToList();
        var known = await db.Revisions.Where(r => shas.Contains(r.Sha)).ToDictionaryAsync(r => r.Sha, cancellationToken).ConfigureAwait(false);
        foreach (var commit in fetch.NewCommits.Where(c => !known.ContainsKey(c.Sha)))
        {
            var record = new RevisionRecord
            {
                Sha = commit.Sha,
                Author = StoreLimits.Cut(commit.Author, 256),
                Message = StoreLimits.Cut(commit.Message, StoreLimits.MaxCommitMessage),
                CommittedAt = commit.CommittedAt,
                FetchedAt = Now,
                State = RevisionState.Superseded,
                Reason = $"superseded by {fetch.Head} in the same fetch",
            };
            db.Revisions.Add(record);
            known[commit.Sha] = record;
        }
        if (!known.TryGetValue(fetch.Head, out var head))
        {
            throw new InvalidOperationException($"fetch of head {fetch.Head} did not include the head commit");
        }
        head.State = RevisionState.Pending;
        head.Reason = null;
        head.RewroteFrom = fetch.RewroteFrom;
        StoreRows.AddAudit(db, Now, StoreRows.Audit("hub", "revision.fetch", head.Sha, "Pending", $"{fetch.NewCommits.Count} new commit(s)"));
        if (fetch.RewroteFrom is not null)
        {
            StoreRows.AddAudit(db, Now, StoreRows.Audit("hub", "source.history-rewritten", head.Sha, "Detected",
                $"new head {fetch.Head} does not descend from the previous head {fetch.RewroteFrom} (force push or rewritten history)"));
        }
    }

    public async Task RecordFetchErrorAsync(string error, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var source = await SourceRowAsync(db, cancellationToken).ConfigureAwait(false);
        source.LastFetchAt = Now;
        source.LastFetchError = StoreLimits.Cut(error, StoreLimits.MaxReason);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SourceStateRecord> SourceRowAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var source = await db.SourceState.FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            source = new SourceStateRecord();
            db.SourceState.Add(source);
        }
        return source;
    }

    public async Task<RevisionView?> NextToProcessAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var next = await db.Revisions.AsNoTracking()
            .Where(r => r.State == RevisionState.Pending || r.State == RevisionState.Approved)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return next is null ? null : RevisionView.Of(next);
    }

    public async Task<IReadOnlyDictionary<string, DesiredCluster>> GetDesiredAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var unjudged = await db.RolloutMembers.AsNoTracking()
            .Where(m => m.State == nameof(MemberState.Waiting) || m.State == nameof(MemberState.Moving))
            .Join(db.Rollouts.Where(r => ActiveStates.Contains(r.State)), m => m.RolloutId, r => r.Id, (m, r) => new { m.Cluster, m.FromKubernetesVersion })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var from = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var m in unjudged)
        {
            from[m.Cluster] = m.FromKubernetesVersion;
        }
        var clusters = await db.Clusters.AsNoTracking().Where(c => !c.Removed)
            .Select(c => new DesiredCluster(c.Name, c.DesiredDigest, c.DesiredContentDigest, c.DesiredObjectCount)
            {
                KubernetesVersion = c.KubernetesVersion, ManagementCluster = c.ManagementCluster,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return clusters.ToDictionary(c => c.Name, c => from.TryGetValue(c.Name, out var v) ? c with { UnjudgedFromKubernetesVersion = v } : c,
            StringComparer.Ordinal);
    }

    public async Task FailAsync(long revisionId, IReadOnlyList<Diagnostic> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var revision = await LockProcessableAsync(db, revisionId, cancellationToken).ConfigureAwait(false);
        if (revision is null)
        {
            return;
        }
        revision.State = RevisionState.Failed;
        revision.ProcessedAt = Now;
        revision.Reason = $"{errors.Count} error(s); the last good revision stays desired";
        AddErrors(revision, errors);
        StoreRows.AddAudit(db, Now, StoreRows.Audit("hub", "revision.process", revision.Sha, nameof(RevisionState.Failed),
            $"{errors.Count} error(s); first: {errors.FirstOrDefault()}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="errors"/> to the revision, at most <see cref="StoreLimits.MaxErrorsPerRevision"/> and a count of the rest.</summary>
    private static void AddErrors(RevisionRecord revision, IReadOnlyList<Diagnostic> errors)
    {
        revision.Errors.AddRange(errors.Take(StoreLimits.MaxErrorsPerRevision).Select(ToError));
        if (errors.Count > StoreLimits.MaxErrorsPerRevision)
        {
            revision.Errors.Add(new RevisionError { File = "", Code = "TooManyErrors",
                Message = $"{errors.Count - StoreLimits.MaxErrorsPerRevision} more error(s) not stored" });
        }
    }

    private static RevisionError ToError(Diagnostic d) => new()
    {
        File = StoreLimits.Cut(d.Location.File, 1024),
        Line = d.Location.Line,
        Column = d.Location.Column,
        Code = StoreLimits.Cut(d.Code, 64),
        Message = StoreLimits.Cut(d.Message, StoreLimits.MaxErrorMessage),
    };

    public async Task HoldAsync(long revisionId, string reason, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var revision = await LockProcessableAsync(db, revisionId, cancellationToken).ConfigureAwait(false);
        if (revision is null)
        {
            return;
        }
        revision.State = RevisionState.Held;
        revision.ProcessedAt = Now;
        revision.Reason = StoreLimits.Cut(reason, StoreLimits.MaxReason);
        StoreRows.AddAudit(db, Now, StoreRows.Audit("hub", "revision.process", revision.Sha, nameof(RevisionState.Held), revision.Reason));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the write lock and returns the revision if it still waits for processing (a newer fetch may have superseded it).</summary>
    private static async Task<RevisionRecord?> LockProcessableAsync(HubDbContext db, long revisionId, CancellationToken cancellationToken)
    {
        await db.LockForWriteAsync(cancellationToken).ConfigureAwait(false);
        var revision = await db.Revisions.FirstAsync(r => r.Id == revisionId, cancellationToken).ConfigureAwait(false);
        return revision.State is RevisionState.Pending or RevisionState.Approved ? revision : null;
    }
}
