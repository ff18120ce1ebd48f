using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>What the mass-deletion hold reads: object identities per bundle (or the bundle itself), Applications per workspace per revision.</summary>
internal sealed partial class EfRevisionStore
{
    public async Task<IReadOnlyDictionary<string, byte[]>> GetBundleIdentitiesAsync(
        IReadOnlyCollection<string> digests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digests);
        if (digests.Count == 0)
        {
            return new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }
        await using var db = contexts.CreateDbContext();
        var keys = digests.ToList();
        // One collection parameter (json_each on SQLite, an array on PostgreSQL): EF's default of one parameter per key
        // took 1.5 s for 10,000 keys on SQLite, this 0.1-0.3 s on a loaded machine.
        return await db.BundleIdentities.AsNoTracking().Where(b => EF.Parameter(keys).Contains(b.Digest))
            .ToDictionaryAsync(b => b.Digest, b => b.Identities, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BundleContent>> GetBundleContentsAsync(
        IReadOnlyCollection<string> digests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digests);
        if (digests.Count == 0)
        {
            return [];
        }
        await using var db = contexts.CreateDbContext();
        var keys = digests.ToList();
        return await db.Bundles.AsNoTracking().Where(b => EF.Parameter(keys).Contains(b.Digest))
            .Select(b => new BundleContent(b.Digest, b.Encoding, b.Data, b.Size))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>?> GetAppliedWorkspaceApplicationsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var json = await db.Revisions.AsNoTracking().Where(r => r.State == RevisionState.Applied).OrderByDescending(r => r.Id)
            .Select(r => r.WorkspaceApplicationsJson).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<Dictionary<string, int>>(json);
    }

    private static string WorkspaceApplicationsJson(IReadOnlyDictionary<string, int> workspaces) =>
        JsonSerializer.Serialize(workspaces.Where(w => w.Value > 0).OrderBy(w => w.Key, StringComparer.Ordinal)
            .ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal));
}
