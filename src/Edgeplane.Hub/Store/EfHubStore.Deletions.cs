using System.Text.Json;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Protocol.Bundles;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>What the mass-deletion hold reads: object identities per bundle, Applications per workspace per revision.</summary>
internal sealed partial class EfHubStore
{
    public async Task<IReadOnlyDictionary<string, ObjectIdentitySet>> GetObjectIdentitiesAsync(
        IReadOnlyCollection<string> digests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digests);
        var result = new Dictionary<string, ObjectIdentitySet>(digests.Count, StringComparer.Ordinal);
        if (digests.Count == 0)
        {
            return result;
        }
        await using var db = contexts.CreateDbContext();
        var keys = digests.ToList();
        // One collection parameter (json_each on SQLite, an array on PostgreSQL): EF's default of one parameter per key
        // took 1.5 s for 10,000 keys on SQLite, this 0.1-0.3 s on a loaded machine.
        var stored = await db.BundleIdentities.AsNoTracking().Where(b => EF.Parameter(keys).Contains(b.Digest))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in stored)
        {
            if (Readable(() => ObjectIdentitySet.FromBytes(row.Identities)) is { } set)
            {
                result[row.Digest] = set;
            }
        }
        // Bundles stored before identities were recorded: read the bundle itself (once per such bundle, after an upgrade).
        var legacy = keys.Where(k => !result.ContainsKey(k)).ToList();
        if (legacy.Count > 0)
        {
            var bundles = await db.Bundles.AsNoTracking().Where(b => EF.Parameter(legacy).Contains(b.Digest))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var bundle in bundles)
            {
                if (Readable(() => ObjectIdentitySet.OfBundleJson(BundleCodec.DecompressStored(bundle.Encoding, bundle.Data, bundle.Size))) is { } set)
                {
                    result[bundle.Digest] = set;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// A stored set that cannot be read (a damaged row) is left out, so that cluster is not compared: the deletion check
    /// is a safety net, and a damaged row must not stop every later revision (the processor would retry it forever).
    /// </summary>
    private static ObjectIdentitySet? Readable(Func<ObjectIdentitySet> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or FormatException)
        {
            return null;
        }
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
