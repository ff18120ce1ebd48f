using System.Data.Common;
using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Edgeplane.Hub.Store;

internal sealed partial class EfRevisionStore
{
    public async Task ApplyAsync(RevisionPlan plan, TimeSpan renderDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var revision = await LockProcessableAsync(db, plan.RevisionId, cancellationToken).ConfigureAwait(false);
        if (revision is null)
        {
            return;
        }
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        await InsertBundlesAsync(connection, transaction, plan.NewBundles, cancellationToken).ConfigureAwait(false);
        var existing = await db.Clusters.AsNoTracking().ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var admission = await AdmitAsync(db, plan, existing, cancellationToken).ConfigureAwait(false);
        var changes = await WriteClustersAsync(connection, transaction, plan, existing, admission, cancellationToken).ConfigureAwait(false);
        await ReleaseHoldsAsync(connection, transaction, changes.Select(c => c.Cluster).Concat(admission.Gated).ToList(), cancellationToken)
            .ConfigureAwait(false);
        StoreRuns(db, plan, admission);
        await WriteLabelsAsync(db, connection, transaction, plan.Declared, cancellationToken).ConfigureAwait(false);
        changes.AddRange(await RemoveClustersAsync(connection, transaction, plan, existing, cancellationToken).ConfigureAwait(false));
        await RecordChangesAsync(db, connection, transaction, revision, plan, existing, cancellationToken).ConfigureAwait(false);
        await ReplaceWorkspacesAsync(db, plan, cancellationToken).ConfigureAwait(false);
        revision.State = RevisionState.Applied;
        revision.ProcessedAt = Now;
        revision.Reason = RecordRejections(db, revision, plan.Rejections);
        revision.ClusterCount = plan.Declared.Count;
        revision.ChangedClusterCount = plan.DesiredChanges.Count + changes.Count(c => c.Digest is null); // desired changes and removals, gated or not
        revision.WorkspaceApplicationsJson = plan.WorkspaceApplications is { } workspaces ? WorkspaceApplicationsJson(workspaces) : null;
        StoreRows.AddAudit(db, Now, StoreRows.Audit("hub", "revision.process", plan.Sha, nameof(RevisionState.Applied),
            $"{plan.Declared.Count} cluster(s), {changes.Count} target(s) changed, {plan.NewBundles.Count} bundle(s) rendered new, " +
            $"{plan.Removed.Count} removed, {admission.Gated.Count} in {admission.Runs.Count} rollout(s), render {renderDuration.TotalMilliseconds:F0} ms"));
        await publisher.InTransactionAsync(db, changes, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        publisher.AfterCommit(changes);
    }

    /// <summary>
    /// A rejected workspace's violations become the applied revision's errors (bounded like a failed revision's) and one
    /// <c>policy.reject</c> audit entry per workspace, filed under it; returns the revision's reason, or null when none.
    /// </summary>
    private string? RecordRejections(HubDbContext db, RevisionRecord revision,
        IReadOnlyDictionary<string, IReadOnlyList<Edgeplane.Model.Diagnostics.Diagnostic>> rejections)
    {
        if (rejections.Count == 0)
        {
            return null;
        }
        var all = rejections.Values.SelectMany(d => d).ToList();
        AddErrors(revision, all);
        foreach (var (workspace, violations) in rejections.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            StoreRows.AddAudit(db, Now, StoreRows.Audit(AuditActor.Hub, "policy.reject", $"workspace:{workspace}", "Denied",
                $"revision {revision.Sha}: {violations.Count} violation(s); first: {violations[0]}") with { Workspace = workspace });
        }
        var names = string.Join(", ", rejections.Keys.OrderBy(k => k, StringComparer.Ordinal));
        return StoreLimits.Cut($"workspace(s) {names} rejected ({all.Count} violation(s)): their Applications and NetworkFunctions keep " +
            "their last good objects; everything else of this revision applies", StoreLimits.MaxReason);
    }

    private async Task InsertBundlesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredBundle> bundles,
        CancellationToken cancellationToken)
    {
        var now = Now;
        var rows = bundles.Select(b => new object?[] { b.Digest, b.ContentDigest, b.Encoding, b.Data, b.Size, b.ObjectCount, now }).ToList();
        await BulkSql.InsertRowsAsync(connection, transaction,
            """INSERT INTO "bundles" ("Digest","ContentDigest","Encoding","Data","Size","ObjectCount","CreatedAt")""",
            """ON CONFLICT ("Digest") DO NOTHING""", rows, cancellationToken).ConfigureAwait(false);
        var identities = bundles.Where(b => b.ObjectIdentities is not null).Select(b => new object?[] { b.Digest, b.ObjectIdentities }).ToList();
        await BulkSql.InsertRowsAsync(connection, transaction, """INSERT INTO "bundle_identities" ("Digest","Identities")""",
            """ON CONFLICT ("Digest") DO NOTHING""", identities, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Upserts every cluster whose declaration, desired bundle or target changed; unchanged clusters are not written. A
    /// cluster a rollout gates keeps its target; the others' target follows the desired digest at once.
    /// </summary>
    private async Task<List<ClusterTargetChange>> WriteClustersAsync(DbConnection connection, DbTransaction transaction, RevisionPlan plan,
        Dictionary<string, ClusterRecord> existing, RolloutAdmission admission, CancellationToken cancellationToken)
    {
        var desired = plan.DesiredChanges.ToDictionary(c => c.Cluster, StringComparer.Ordinal);
        var changes = new List<ClusterTargetChange>(desired.Count);
        var rows = new List<object?[]>();
        var now = Now;
        foreach (var declared in plan.Declared)
        {
            existing.TryGetValue(declared.Name, out var old);
            var capabilities = JsonSerializer.Serialize(declared.Capabilities);
            var versions = JsonSerializer.Serialize(declared.Versions);
            var provisioning = declared.Provisioning is not { } p ? null : JsonSerializer.Serialize(
                new ProvisioningResponse(p.Template, p.ManagementCluster, p.Namespace) { DeletionPolicy = p.DeletionPolicy.ToString() });
            var change = desired.GetValueOrDefault(declared.Name);
            var immediate = admission.Immediate.Contains(declared.Name);
            if (change is null && !immediate && old is not null && !old.Removed && SameDeclaration(old, declared, capabilities, versions, provisioning))
            {
                continue;
            }
            // The new target: the desired digest at once, or the old target while a rollout gates the cluster.
            var moves = !admission.Gated.Contains(declared.Name) && (change is not null || immediate);
            var target = moves ? change?.Digest ?? old?.DesiredDigest : old?.TargetDigest;
            var generation = (old?.TargetGeneration ?? 0) + (moves ? 1 : 0);
            if (moves)
            {
                changes.Add(new ClusterTargetChange(declared.Name, target, plan.Sha, generation));
            }
            rows.Add([
                declared.Name, declared.Layer, declared.Region, declared.Site, declared.Provider, declared.KubernetesVersion, capabilities, false,
                change?.Digest ?? old?.DesiredDigest, change?.ContentDigest ?? old?.DesiredContentDigest,
                change is null ? old?.DesiredRevision : plan.Sha, change?.ObjectCount ?? old?.DesiredObjectCount ?? 0,
                target, moves ? plan.Sha : old?.TargetRevision, moves ? now : old?.TargetChangedAt,
                generation, false, "[]", 0L, versions, provisioning, declared.Provisioning?.ManagementCluster,
            ]);
        }
        await BulkSql.InsertRowsAsync(connection, transaction, ClusterUpsertHead, ClusterUpsertTail, rows, cancellationToken).ConfigureAwait(false);
        return changes;
    }

    private const string ClusterUpsertHead = """
        INSERT INTO "clusters" ("Name","Layer","Region","Site","Provider","KubernetesVersion","CapabilitiesJson","Removed",
          "DesiredDigest","DesiredContentDigest","DesiredRevision","DesiredObjectCount","TargetDigest","TargetRevision","TargetChangedAt",
          "TargetGeneration","Drifted","ConditionsJson","StatusSequence","VersionsJson","ProvisioningJson","ManagementCluster")
        """;

    private const string ClusterUpsertTail = """
        ON CONFLICT ("Name") DO UPDATE SET "Layer"=excluded."Layer","Region"=excluded."Region","Site"=excluded."Site",
          "Provider"=excluded."Provider","KubernetesVersion"=excluded."KubernetesVersion","CapabilitiesJson"=excluded."CapabilitiesJson",
          "Removed"=excluded."Removed","DesiredDigest"=excluded."DesiredDigest","DesiredContentDigest"=excluded."DesiredContentDigest",
          "DesiredRevision"=excluded."DesiredRevision","DesiredObjectCount"=excluded."DesiredObjectCount","TargetDigest"=excluded."TargetDigest",
          "TargetRevision"=excluded."TargetRevision","TargetChangedAt"=excluded."TargetChangedAt",
          "TargetGeneration"=excluded."TargetGeneration","VersionsJson"=excluded."VersionsJson",
          "ProvisioningJson"=excluded."ProvisioningJson","ManagementCluster"=excluded."ManagementCluster"
        """;

    private static bool SameDeclaration(ClusterRecord old, DeclaredCluster d, string capabilities, string versions, string? provisioning) =>
        old.Layer == d.Layer && old.Region == d.Region && old.Site == d.Site && old.Provider == d.Provider
        && old.KubernetesVersion == d.KubernetesVersion && old.CapabilitiesJson == capabilities && old.VersionsJson == versions
        && old.ProvisioningJson == provisioning;

    /// <summary>A cluster whose target moves, or that joins a new run, is no longer held by a failed one.</summary>
    private static Task ReleaseHoldsAsync(DbConnection connection, DbTransaction transaction, List<string> clusters, CancellationToken cancellationToken) =>
        BulkSql.ForKeysAsync(connection, transaction, """UPDATE "clusters" SET "HeldByRollout"=NULL WHERE "Name" """, clusters, [], cancellationToken);

    /// <summary>Replaces the label rows of every cluster whose labels changed.</summary>
    private static async Task WriteLabelsAsync(HubDbContext db, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<DeclaredCluster> declared, CancellationToken cancellationToken)
    {
        var stored = (await db.ClusterLabels.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(l => l.ClusterName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        var changed = declared.Where(d => !SameLabels(stored.GetValueOrDefault(d.Name), d.Labels)).ToList();
        await BulkSql.ForKeysAsync(connection, transaction, """DELETE FROM "cluster_labels" WHERE "ClusterName" """,
            changed.Select(d => d.Name).ToList(), [], cancellationToken).ConfigureAwait(false);
        var rows = changed.SelectMany(d => d.Labels.Select(l => new object?[] { d.Name, l.Key, l.Value })).ToList();
        await BulkSql.InsertRowsAsync(connection, transaction, """INSERT INTO "cluster_labels" ("ClusterName","Key","Value")""", "", rows,
            cancellationToken).ConfigureAwait(false);
    }

    private static bool SameLabels(Dictionary<string, string>? stored, IReadOnlyDictionary<string, string> labels) =>
        (stored?.Count ?? 0) == labels.Count && labels.All(l => stored is not null && stored.TryGetValue(l.Key, out var v) && v == l.Value);

    private async Task<List<ClusterTargetChange>> RemoveClustersAsync(DbConnection connection, DbTransaction transaction, RevisionPlan plan,
        Dictionary<string, ClusterRecord> existing, CancellationToken cancellationToken)
    {
        var removed = plan.Removed.Where(n => existing.TryGetValue(n, out var c) && !c.Removed).ToList();
        await BulkSql.ForKeysAsync(connection, transaction,
            """
            UPDATE "clusters" SET "Removed"=@f0, "TargetDigest"=NULL, "TargetRevision"=@f1, "TargetChangedAt"=@f2,
              "TargetGeneration"="TargetGeneration"+1 WHERE "Name" 
            """,
            removed, [true, plan.Sha, Now], cancellationToken).ConfigureAwait(false);
        return removed.Select(n => new ClusterTargetChange(n, null, plan.Sha, existing[n].TargetGeneration + 1)).ToList();
    }
}
