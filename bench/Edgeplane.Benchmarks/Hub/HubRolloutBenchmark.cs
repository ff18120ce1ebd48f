using System.Diagnostics;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Rollouts;
using Edgeplane.Hub.Store;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>
/// The hub's rollout engine on a 10,000-cluster fleet: the admission of a commit that changes every cluster's bundle
/// under one Rollout (<see cref="IRevisionStore.ApplyAsync"/> creating a run with every cluster as a member), compared
/// with the same commit and no Rollout; then the engine's steps (<see cref="IRolloutStore.StepAsync"/>) on that run, one
/// with nothing to change and then every step until the run has Succeeded, with fake agents reporting each new target
/// applied and healthy between steps. Usage: <c>hub rollout [--clusters 10000] [--runs 3] [--stores sqlite,postgres] [--out bench/results]</c>.
/// </summary>
public static partial class HubRolloutBenchmark
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    private static readonly RunStepSettings Settings = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), DateTime.MinValue);

    public static async Task<int> RunAsync(string[] args)
    {
        var clusters = IntArg(args, "--clusters", 10_000);
        var runs = IntArg(args, "--runs", 3);
        var stores = StringArg(args, "--stores", "sqlite").Split(',');
        var output = StringArg(args, "--out", BenchEnvironment.ResultsDirectory());
        var results = (await BenchStores.RunAsync(stores, runs, database => MeasureAsync(database, clusters)))
            .Select(r => new StoreResult(r.Store, r.Samples)).ToList();
        await WriteResultsAsync(output, clusters, runs, results);
        return 0;
    }

    private static async Task<RunSample> MeasureAsync(Func<Task<StoreSettings>> database, int clusters)
    {
        // Baseline: the same two commits on a fresh database with no Rollout (every change moves its target at once).
        var plain = await RolloutBenchHub.CreateAsync(await database());
        await plain.CommitAsync(clusters, 1, rollout: false);
        var withoutRollout = await plain.CommitAsync(clusters, 2, rollout: false);
        var hub = await RolloutBenchHub.CreateAsync(await database());
        await hub.CommitAsync(clusters, 1, rollout: true);
        await hub.Fleet.ConnectAsync();
        await hub.Fleet.ReportAsync();
        var withRollout = await hub.CommitAsync(clusters, 2, rollout: true);
        var members = await hub.MembersAsync();
        if (members != clusters)
        {
            throw new InvalidOperationException($"the run has {members} member(s), expected {clusters}");
        }
        return await StepToEndAsync(hub, withoutRollout, withRollout);
    }

    /// <summary>The first step (start, canary moves), idle steps (nothing reported), then report + step until the run ends.</summary>
    private static async Task<RunSample> StepToEndAsync(RolloutBenchHub hub, double withoutRollout, double withRollout)
    {
        var first = await hub.StepAsync(Settings);
        var idle = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            idle.Add(await hub.StepAsync(Settings));
        }
        var steps = new List<double>();
        var reports = 0d;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            hub.Clock.Advance(Tick);
            var reportStarted = Stopwatch.GetTimestamp();
            await hub.Fleet.ReportAsync();
            reports += Stopwatch.GetElapsedTime(reportStarted).TotalSeconds;
            var stepStarted = Stopwatch.GetTimestamp();
            var active = await hub.Rollouts.StepAsync(Settings, default);
            steps.Add(Stopwatch.GetElapsedTime(stepStarted).TotalSeconds);
            if (active == 0)
            {
                break;
            }
            if (steps.Count > 1000)
            {
                throw new InvalidOperationException("the run did not end within 1000 steps");
            }
        }
        var total = Stopwatch.GetElapsedTime(started).TotalSeconds + first;
        var state = await hub.StateAsync();
        if (state != nameof(RolloutState.Succeeded))
        {
            throw new InvalidOperationException($"the run ended {state}, expected Succeeded");
        }
        return new RunSample(withoutRollout, withRollout, first, Median(idle), Median(steps), steps.Max(), steps.Count + 1, total, reports);
    }

    private static int IntArg(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static string StringArg(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
