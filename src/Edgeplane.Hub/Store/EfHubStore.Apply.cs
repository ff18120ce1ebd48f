using System.Text.Json;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Hub.Targets;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

internal sealed partial class EfHubStore
{
    public async Task ApplyAsync(RevisionPlan plan, TimeSpan renderDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var db = contexts.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var revision = await LockProcessableAsync(db, plan.RevisionId, cancellationToken).ConfigureAwait(false);
        if (revision is null)
        {
            return;
        }
        await AddBundlesAsync(db, plan.NewBundles, cancellationToken).ConfigureAwait(false);
        var clusters = await db.Clusters.Include(c => c.Labels)
            .ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var declared in plan.Declared)
        {
            Declare(db, clusters, declared);
        }
        var changes = SetDesired(clusters, plan);
        revision.State = RevisionState.Applied;
        revision.ProcessedAt = Now;
        revision.Reason = null;
        revision.ClusterCount = plan.Declared.Count;
        revision.ChangedClusterCount = changes.Count;
        AddAudit(db, Audit("hub", "revision.process", plan.Sha, nameof(RevisionState.Applied),
            $"{plan.Declared.Count} cluster(s), {changes.Count} target(s) changed, {plan.NewBundles.Count} bundle(s) rendered new, " +
            $"{plan.Removed.Count} removed, render {renderDuration.TotalMilliseconds:F0} ms"));
        db.ChangeTracker.DetectChanges();
        await publisher.InTransactionAsync(db, changes, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        publisher.AfterCommit(changes);
    }

    private async Task AddBundlesAsync(HubDbContext db, IReadOnlyList<StoredBundle> bundles, CancellationToken cancellationToken)
    {
        var digests = bundles.Select(b => b.Digest).ToList();
        var existing = (await db.Bundles.Where(b => digests.Contains(b.Digest)).Select(b => b.Digest)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var now = Now;
        db.Bundles.AddRange(bundles.Where(b => existing.Add(b.Digest)).Select(b => new BundleRecord
        {
            Digest = b.Digest,
            ContentDigest = b.ContentDigest,
            Encoding = b.Encoding,
            Data = b.Data,
            Size = b.Size,
            ObjectCount = b.ObjectCount,
            CreatedAt = now,
        }));
    }

    private static void Declare(HubDbContext db, Dictionary<string, ClusterRecord> clusters, DeclaredCluster declared)
    {
        if (!clusters.TryGetValue(declared.Name, out var cluster))
        {
            cluster = new ClusterRecord { Name = declared.Name, Layer = declared.Layer };
            clusters[declared.Name] = cluster;
            db.Clusters.Add(cluster);
        }
        cluster.Removed = false;
        cluster.Layer = declared.Layer;
        cluster.Region = declared.Region;
        cluster.Site = declared.Site;
        cluster.Provider = declared.Provider;
        cluster.KubernetesVersion = declared.KubernetesVersion;
        var capabilities = JsonSerializer.Serialize(declared.Capabilities);
        if (cluster.CapabilitiesJson != capabilities)
        {
            cluster.CapabilitiesJson = capabilities;
        }
        SyncLabels(cluster, declared.Labels);
    }

    private static void SyncLabels(ClusterRecord cluster, IReadOnlyDictionary<string, string> labels)
    {
        cluster.Labels.RemoveAll(l => !labels.ContainsKey(l.Key));
        foreach (var (key, value) in labels)
        {
            var label = cluster.Labels.Find(l => l.Key == key);
            if (label is null)
            {
                cluster.Labels.Add(new ClusterLabel { ClusterName = cluster.Name, Key = key, Value = value });
            }
            else if (label.Value != value)
            {
                label.Value = value;
            }
        }
    }

    private List<ClusterTargetChange> SetDesired(Dictionary<string, ClusterRecord> clusters, RevisionPlan plan)
    {
        var changes = new List<ClusterTargetChange>(plan.DesiredChanges.Count + plan.Removed.Count);
        var now = Now;
        foreach (var change in plan.DesiredChanges)
        {
            var cluster = clusters[change.Cluster];
            cluster.DesiredDigest = change.Digest;
            cluster.DesiredContentDigest = change.ContentDigest;
            cluster.DesiredRevision = plan.Sha;
            cluster.DesiredObjectCount = change.ObjectCount;
            // No rollout gate yet: the target follows the desired digest at once.
            cluster.TargetDigest = change.Digest;
            cluster.TargetRevision = plan.Sha;
            cluster.TargetChangedAt = now;
            changes.Add(new ClusterTargetChange(cluster.Name, change.Digest, plan.Sha));
        }
        foreach (var name in plan.Removed)
        {
            if (clusters.TryGetValue(name, out var cluster) && !cluster.Removed)
            {
                cluster.Removed = true;
                cluster.TargetDigest = null;
                cluster.TargetRevision = plan.Sha;
                cluster.TargetChangedAt = now;
                changes.Add(new ClusterTargetChange(name, null, plan.Sha));
            }
        }
        return changes;
    }
}
