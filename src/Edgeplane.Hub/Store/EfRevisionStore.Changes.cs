using System.Data.Common;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

internal sealed partial class EfRevisionStore
{
    public async Task<IReadOnlyList<RevisionChange>> GetChangesAsync(long revisionId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.RevisionChanges.AsNoTracking().Where(c => c.RevisionId == revisionId)
            .Select(c => new RevisionChange(c.Cluster, c.FromDigest, c.ToDigest)).ToListAsync(cancellationToken).ConfigureAwait(false);
        rows.Sort((a, b) => string.CompareOrdinal(a.Cluster, b.Cluster)); // the databases' collations differ; the API orders ordinally
        return rows;
    }

    /// <summary>
    /// Records the clusters whose desired bundle <paramref name="plan"/> changes, from which digest to which, and the
    /// revision applied before it (its base: the newest Applied one). Applied again (a requeue), a cluster keeps the
    /// digest it started from and takes the one it ends at, so the rows still say what the revision changed compared
    /// with its base; a cluster back where it started has no row.
    /// </summary>
    private static async Task RecordChangesAsync(HubDbContext db, DbConnection connection, DbTransaction transaction, RevisionRecord revision,
        RevisionPlan plan, Dictionary<string, ClusterRecord> existing, CancellationToken cancellationToken)
    {
        var moves = plan.DesiredChanges
            .Select(c => new RevisionChange(c.Cluster, existing.TryGetValue(c.Cluster, out var old) && !old.Removed ? old.DesiredDigest : null, c.Digest))
            .Concat(plan.Removed.Where(n => existing.TryGetValue(n, out var c) && !c.Removed).Select(n => new RevisionChange(n, existing[n].DesiredDigest, null)))
            .Where(m => m.FromDigest != m.ToDigest)
            .ToList();
        if (!revision.ChangesRecorded)
        {
            revision.BaseSha = await db.Revisions.AsNoTracking().Where(r => r.State == RevisionState.Applied && r.Id != revision.Id)
                .OrderByDescending(r => r.ProcessedAt).ThenByDescending(r => r.Id).Select(r => r.Sha)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            revision.ChangesRecorded = true;
            await BulkSql.InsertRowsAsync(connection, transaction, """INSERT INTO "revision_changes" ("RevisionId","Cluster","FromDigest","ToDigest")""", "",
                moves.Select(m => new object?[] { revision.Id, m.Cluster, m.FromDigest, m.ToDigest }).ToList(), cancellationToken).ConfigureAwait(false);
            return;
        }
        var recorded = await db.RevisionChanges.Where(c => c.RevisionId == revision.Id)
            .ToDictionaryAsync(c => c.Cluster, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var move in moves)
        {
            if (!recorded.TryGetValue(move.Cluster, out var row))
            {
                db.RevisionChanges.Add(new RevisionChangeRecord
                {
                    RevisionId = revision.Id, Cluster = move.Cluster, FromDigest = move.FromDigest, ToDigest = move.ToDigest,
                });
                continue;
            }
            row.ToDigest = move.ToDigest;
            if (row.FromDigest == row.ToDigest)
            {
                db.RevisionChanges.Remove(row);
            }
        }
    }
}
