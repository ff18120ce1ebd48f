using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Rollouts;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Model.Rollouts;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>
/// Admission of a revision's changes to rollout runs (docs/rollouts.md): a cluster whose target differs from its new
/// desired digest joins a run of the Rollout that governs it, unless it has no target yet (a new cluster: nothing to
/// protect) or no Rollout governs it (then it moves at once). A revision that changes a desired digest supersedes the
/// active runs; their clusters not yet judged join the new run from its first wave, so no cluster sees a third digest.
/// </summary>
internal sealed partial class EfRevisionStore
{
    private const int MaxChanges = 50;

    private async Task<RolloutAdmission> AdmitAsync(HubDbContext db, RevisionPlan plan, Dictionary<string, ClusterRecord> existing,
        CancellationToken cancellationToken)
    {
        var admission = new RolloutAdmission();
        var desired = plan.DesiredChanges.ToDictionary(c => c.Cluster, c => c.Digest, StringComparer.Ordinal);
        var active = plan.DesiredChanges.Count == 0 ? []
            : await db.Rollouts.Include(r => r.Members).Include(r => r.Waves).Where(r => ActiveStates.Contains(r.State))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        var unjudged = active.SelectMany(r => r.Members).Where(m => m.State is nameof(MemberState.Waiting) or nameof(MemberState.Moving))
            .ToDictionary(m => m.Cluster, StringComparer.Ordinal);
        var members = new Dictionary<string, List<(DeclaredCluster Cluster, RolloutMemberRecord Member)>>(StringComparer.Ordinal);
        foreach (var declared in plan.Declared)
        {
            if (!existing.TryGetValue(declared.Name, out var old) || old.Removed || old.TargetDigest is null)
            {
                continue; // a new cluster: its first bundle has nothing to protect and goes at once
            }
            var changed = desired.TryGetValue(declared.Name, out var next);
            unjudged.TryGetValue(declared.Name, out var previous);
            next ??= old.DesiredDigest;
            if ((!changed && previous is null) || next is null || next == old.TargetDigest)
            {
                continue;
            }
            var policy = plan.Rollouts.FirstOrDefault(r => WaveAssignment.Governs(r.Spec, MemberOf(declared)));
            if (policy is null)
            {
                admission.Immediate.Add(declared.Name);
                continue;
            }
            admission.Gated.Add(declared.Name);
            var moving = previous?.State == nameof(MemberState.Moving);
            var rollbackTo = moving ? previous!.RollbackDigest : old.TargetDigest;
            var member = new RolloutMemberRecord
            {
                Cluster = declared.Name, FromDigest = old.TargetDigest, ToDigest = next, RollbackDigest = rollbackTo,
                RollbackRevision = moving ? previous!.RollbackRevision : old.TargetRevision,
                FromKubernetesVersion = previous is null ? old.KubernetesVersion : previous.FromKubernetesVersion, // what its target still carries
                ToKubernetesVersion = declared.KubernetesVersion, State = nameof(MemberState.Waiting),
            };
            (members.TryGetValue(policy.Name, out var list) ? list : members[policy.Name] = []).Add((declared, member));
        }
        admission.Superseded.AddRange(active);
        foreach (var (name, list) in members)
        {
            admission.Runs.Add(NewRun(plan, plan.Rollouts.First(r => r.Name == name), list, existing));
        }
        return admission;
    }

    private static readonly string[] ActiveStates =
        [nameof(RolloutState.Pending), nameof(RolloutState.Progressing), nameof(RolloutState.Paused), nameof(RolloutState.WaitingForWindow)];

    private static RolloutMember MemberOf(DeclaredCluster c) => new(c.Name, c.Layer, c.Region ?? "", c.Site, c.Labels);

    private RolloutRecord NewRun(RevisionPlan plan, RolloutDeclaration policy, List<(DeclaredCluster Cluster, RolloutMemberRecord Member)> members,
        Dictionary<string, ClusterRecord> existing)
    {
        var byName = members.ToDictionary(m => m.Cluster.Name, StringComparer.Ordinal);
        var run = new RolloutRecord
        {
            RevisionId = plan.RevisionId, Sha = plan.Sha, Policy = policy.Name, State = nameof(RolloutState.Pending),
            PolicyJson = RolloutPolicy.From(policy.Spec).ToJson(), CreatedAt = Now, UpdatedAt = Now,
            ChangesJson = JsonSerializer.Serialize(Changes(members.Select(m => (existing[m.Cluster.Name].VersionsJson, m.Cluster.Versions)),
                ProvisionedUpgrades(plan, byName.Keys, existing))),
        };
        var waves = WaveAssignment.Assign(policy.Spec, members.Select(m => MemberOf(m.Cluster)));
        for (var i = 0; i < waves.Count; i++)
        {
            run.Waves.Add(new RolloutWaveRecord
            {
                Index = i, Name = waves[i].Name, State = nameof(WaveState.Pending), MaxUnavailable = waves[i].MaxUnavailable, SoakTime = waves[i].SoakTime,
            });
            for (var p = 0; p < waves[i].Clusters.Count; p++)
            {
                var (cluster, member) = byName[waves[i].Clusters[p]];
                member.WaveIndex = i;
                member.Position = p;
                member.WindowsJson = JsonSerializer.Serialize(WaveAssignment.WindowsFor(policy.Spec, MemberOf(cluster)).Select(w => w.Name));
                run.Members.Add(member);
            }
        }
        return run;
    }

    /// <summary>
    /// "kubernetes v1.30.4 → v1.31.2 on edge-ams-02 (made by eks-eu-west)" for each cluster a member provisions whose version
    /// changes: its Cluster API objects are in the member's bundle, so this run upgrades it with its management cluster.
    /// </summary>
    private static IEnumerable<string> ProvisionedUpgrades(RevisionPlan plan, IEnumerable<string> members, Dictionary<string, ClusterRecord> existing)
    {
        var managers = members.ToHashSet(StringComparer.Ordinal);
        foreach (var cluster in plan.Declared.Where(c => c.Provisioning is { } p && managers.Contains(p.ManagementCluster)).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var before = existing.TryGetValue(cluster.Name, out var record)
                ? (JsonSerializer.Deserialize<Dictionary<string, string>>(record.VersionsJson) ?? []).GetValueOrDefault("kubernetes")
                : null;
            var after = cluster.Versions.GetValueOrDefault("kubernetes");
            if (before is not null && after is not null && before != after)
            {
                yield return $"kubernetes {before} → {after} on {cluster.Name} (made by {cluster.Provisioning!.ManagementCluster})";
            }
        }
    }

    /// <summary>"istio 1.23.2 → 1.23.3" for every version that differs between the stored and the new declaration, most common first.</summary>
    internal static List<string> Changes(IEnumerable<(string Stored, IReadOnlyDictionary<string, string> Next)> clusters,
        IEnumerable<string>? provisioned = null)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (stored, next) in clusters)
        {
            var before = JsonSerializer.Deserialize<Dictionary<string, string>>(stored) ?? [];
            foreach (var name in before.Keys.Union(next.Keys).Order(StringComparer.Ordinal))
            {
                var from = before.GetValueOrDefault(name);
                var to = next.GetValueOrDefault(name);
                if (from != to)
                {
                    var text = $"{name} {from ?? "(none)"} → {to ?? "(removed)"}";
                    counts[text] = counts.GetValueOrDefault(text) + 1;
                }
            }
        }
        var changes = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key)
            .Concat(provisioned ?? []).Take(MaxChanges).ToList();
        return changes.Count > 0 ? changes : ["bundle contents (no add-on or Kubernetes version changed)"];
    }

    /// <summary>Ends the superseded runs and stores the new ones, with an audit entry for each.</summary>
    private void StoreRuns(HubDbContext db, RevisionPlan plan, RolloutAdmission admission)
    {
        foreach (var old in admission.Superseded)
        {
            old.State = nameof(RolloutState.Superseded);
            old.Reason = $"superseded by revision {plan.Sha[..Math.Min(12, plan.Sha.Length)]}";
            old.FinishedAt = Now;
            old.UpdatedAt = Now;
            foreach (var member in old.Members.Where(m => m.State is nameof(MemberState.Waiting) or nameof(MemberState.Moving)))
            {
                member.State = nameof(MemberState.Superseded);
                member.FinishedAt = Now;
                member.Reason = $"taken over by revision {plan.Sha[..Math.Min(12, plan.Sha.Length)]} before it was judged";
            }
            foreach (var wave in old.Waves.Where(w => w.State is nameof(WaveState.Pending) or nameof(WaveState.Progressing) or nameof(WaveState.Soaking)))
            {
                wave.State = nameof(WaveState.Cancelled);
            }
            StoreRows.AddAudit(db, Now, StoreRows.Audit("hub", "rollout.supersede", old.Sha, nameof(RolloutState.Superseded), $"rollout {old.Id}: {old.Reason}"));
        }
        foreach (var run in admission.Runs)
        {
            db.Rollouts.Add(run);
            StoreRows.AddAudit(db, Now, StoreRows.Audit("hub", "rollout.create", plan.Sha, nameof(RolloutState.Pending),
                $"rollout of revision {plan.Sha[..Math.Min(12, plan.Sha.Length)]} under policy {run.Policy}: {run.Members.Count} cluster(s), waves "
                + string.Join(", ", run.Waves.Select(w => $"{w.Name} ({run.Members.Count(m => m.WaveIndex == w.Index)})"))));
        }
    }
}
