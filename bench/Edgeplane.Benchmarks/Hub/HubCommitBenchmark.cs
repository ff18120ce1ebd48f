using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Targets;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>
/// How fast a commit that touches every cluster of a 10,000-cluster fleet becomes stored desired state, on SQLite and
/// PostgreSQL: plan against the stored desired state → Brotli-compress the new bundles in parallel → one transaction
/// with every bundle, declaration, desired/target digest and the audit entry (<see cref="IRevisionStore.ApplyAsync"/>).
/// Bundles are synthetic (see <see cref="SyntheticFleet"/>) so the store path is measured alone; rendering is measured
/// by the rendering suite. Usage: <c>hub [--clusters 10000] [--runs 3] [--stores sqlite,postgres] [--out bench/results]</c>;
/// <c>hub pipeline …</c> runs <see cref="HubPipelineBenchmark"/> (the whole pipeline on the generated example fleet) instead;
/// <c>hub rollout …</c> runs <see cref="HubRolloutBenchmark"/> (the rollout engine's admission and steps).
/// </summary>
public static partial class HubCommitBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["pipeline", .. var rest])
        {
            return await HubPipelineBenchmark.RunAsync(rest);
        }
        if (args is ["rollout", .. var options])
        {
            return await HubRolloutBenchmark.RunAsync(options);
        }
        var clusters = IntArg(args, "--clusters", 10_000);
        var runs = IntArg(args, "--runs", 3);
        var stores = StringArg(args, "--stores", "sqlite,postgres").Split(',');
        var output = StringArg(args, "--out", BenchEnvironment.ResultsDirectory());
        var results = (await BenchStores.RunAsync(stores, runs, async database => await MeasureAsync(await database(), clusters)))
            .Select(r => new StoreResult(r.Store, r.Samples)).ToList();
        await WriteResultsAsync(output, clusters, runs, results);
        return 0;
    }

    private static async Task<RunSample> MeasureAsync(StoreSettings settings, int clusters)
    {
        var factory = new HubDbContextFactory(settings);
        ITargetChangePublisher publisher = settings.Provider == StoreProvider.Postgres
            ? new PostgresTargetChangePublisher()
            : new LocalTargetChangePublisher(new ClusterTargetFeed());
        await new HubDatabase(factory).MigrateAsync(default);
        var store = new EfRevisionStore(factory, publisher, TimeProvider.System);
        var first = await CommitAsync(store, clusters, generation: 1);
        var changed = await CommitAsync(store, clusters, generation: 2);
        var unchanged = await CommitAsync(store, clusters, generation: 2);
        return new RunSample(first, changed, unchanged);
    }

    /// <summary>Records a revision and applies it; returns the time from "compiled" to "every desired digest stored".</summary>
    private static async Task<double> CommitAsync(EfRevisionStore store, int clusters, int generation)
    {
        var sha = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";
        var compiled = SyntheticFleet.Build(clusters, sha, generation);
        var head = await store.GetHeadAsync(default);
        await store.RecordFetchAsync(new FetchRecord(sha, [new FetchedCommit(sha, "bench", "bench commit", DateTime.UtcNow)], null), default);
        var revision = await store.NextToProcessAsync(default) ?? throw new InvalidOperationException("revision not recorded");
        var started = Stopwatch.GetTimestamp();
        var desired = await store.GetDesiredAsync(default);
        var decision = RevisionPlanner.Plan(revision.Id, sha, compiled, desired, approved: false);
        var bundles = RevisionProcessor.Compress(decision);
        await store.ApplyAsync(decision.Plan with { NewBundles = bundles }, TimeSpan.Zero, default);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var stored = await store.GetDesiredAsync(default);
        if (stored.Count != clusters || stored.Values.Any(d => d.Digest is null) || head == sha)
        {
            throw new InvalidOperationException("not every desired digest was stored");
        }
        return seconds;
    }

    private static int IntArg(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static string StringArg(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    internal sealed record RunSample(double AllNewSeconds, double AllChangedSeconds, double UnchangedSeconds)
    {
        public override string ToString() =>
            $"all new {AllNewSeconds:F2} s, all changed {AllChangedSeconds:F2} s, content unchanged {UnchangedSeconds:F2} s";
    }

    internal sealed record StoreResult(string Store, List<RunSample> Runs)
    {
        public double Median(Func<RunSample, double> pick)
        {
            var values = Runs.Select(pick).Order().ToList();
            return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        }
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
