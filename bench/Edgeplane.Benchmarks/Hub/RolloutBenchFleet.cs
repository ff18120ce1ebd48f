using Edgeplane.ApiMachinery.Labels;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store;
using Edgeplane.Model.Specs;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>
/// The rollout benchmark's fleet: <see cref="SyntheticFleet"/> with a canary label on the first 10 clusters, one
/// Rollout governing every cluster, and fake agents that report their current target as applied and healthy.
/// </summary>
internal sealed class RolloutBenchFleet(HubDbContextFactory contexts, HubInstance instance, ManualClock clock)
{
    public const string CanaryLabel = "rollout.bench.example.net/canary";

    private readonly Dictionary<string, string?> _reported = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>canary (label, 5 at a time) → cloud → regional → 10% of edge → the rest; maxUnavailable 10%, no soak, 100% healthy within 5m.</summary>
    public static RolloutDeclaration Policy { get; } = new("default", new RolloutSpec(
        new PlacementSpec([], [], [], [], LabelSelector.Everything),
        [
            new WaveSpec("canary", Target(selector: LabelSelector.Parse($"{CanaryLabel}=true")), null, new IntOrPercent(5, false), null),
            new WaveSpec("cloud", Target(layers: ["cloud"]), null, null, null),
            new WaveSpec("regional", Target(layers: ["regional"]), null, null, null),
            new WaveSpec("edge-first", Target(layers: ["edge"]), 10, null, null),
            new WaveSpec("edge", Target(layers: ["edge"]), null, null, null),
        ],
        new IntOrPercent(10, true), TimeSpan.Zero, [new HealthGateSpec("bundles-healthy", 100, TimeSpan.FromMinutes(5))], [],
        new RollbackSpec(true, 0)));

    /// <summary>The synthetic fleet, its first 10 clusters labelled as canaries.</summary>
    public static List<CompiledCluster> Build(int clusters, string sha, int generation) =>
        SyntheticFleet.Build(clusters, sha, generation).Select((c, i) => i >= 10 ? c : c with
        {
            Declaration = c.Declaration with
            {
                Labels = new Dictionary<string, string>(c.Declaration.Labels, StringComparer.Ordinal) { [CanaryLabel] = "true" },
            },
        }).ToList();

    private static PlacementSpec Target(string[]? layers = null, LabelSelector? selector = null) =>
        new(layers ?? [], [], [], [], selector);

    /// <summary>Starts this hub's lease and marks every cluster's agent connected to it.</summary>
    public async Task ConnectAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await new EfInstanceLeaseStore(contexts).StartAsync(instance, now, default);
        var names = (await TargetsAsync()).Select(c => c.Name).ToList();
        await new EfAgentStateStore(contexts).WriteAgentStateAsync(new AgentStateBatch(
            names.Select(n => new AgentClaim(n, "bench-" + n, "bench", now)).ToList(),
            names.Select(n => new AvailabilityChange(n, "bench-" + n, "Online", now, "Connected")).ToList(),
            names, now, instance.Id), default);
    }

    /// <summary>
    /// Renews the lease, and every agent whose target changed since its last report reports it applied and Healthy
    /// (as a real agent reports after an apply); returns how many reported.
    /// </summary>
    public async Task<int> ReportAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await new EfInstanceLeaseStore(contexts).RenewAsync(instance, now, default);
        var reports = (await TargetsAsync()).Where(t => !_reported.TryGetValue(t.Name, out var last) || last != t.Target)
            .Select(t => new ClusterStatusReport(t.Name, ++_sequence, now, t.Target, "1.31", "Healthy", false, []) { ObjectCount = 9 })
            .ToList();
        if (reports.Count > 0)
        {
            await new EfAgentStateStore(contexts).RecordStatusBatchAsync(reports, default);
        }
        foreach (var r in reports)
        {
            _reported[r.Cluster] = r.AppliedDigest;
        }
        return reports.Count;
    }

    private async Task<List<(string Name, string? Target)>> TargetsAsync()
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.Clusters.AsNoTracking().Where(c => !c.Removed).Select(c => new { c.Name, c.TargetDigest }).ToListAsync();
        return rows.Select(r => (r.Name, r.TargetDigest)).ToList();
    }
}
