using System.Diagnostics;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Targets;
using Edgeplane.Protocol.Bundles;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>The stores of one hub on a fresh database, wired as the hub's DI wires them, on a clock the benchmark moves.</summary>
internal sealed class RolloutBenchHub
{
    private readonly HubDbContextFactory _contexts;
    private readonly EfRevisionStore _revisions;

    private RolloutBenchHub(HubDbContextFactory contexts, ITargetChangePublisher publisher)
    {
        _contexts = contexts;
        var instance = new HubInstance(Guid.NewGuid().ToString("N"), "bench/" + Guid.NewGuid().ToString("N")[..12], TimeSpan.FromMinutes(1));
        _revisions = new EfRevisionStore(contexts, publisher, Clock);
        Rollouts = new EfRolloutStore(contexts, publisher, instance, Clock);
        Fleet = new RolloutBenchFleet(contexts, instance, Clock);
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    public EfRolloutStore Rollouts { get; }

    public RolloutBenchFleet Fleet { get; }

    public static async Task<RolloutBenchHub> CreateAsync(StoreSettings settings)
    {
        var factory = new HubDbContextFactory(settings);
        ITargetChangePublisher publisher = settings.Provider == StoreProvider.Postgres
            ? new PostgresTargetChangePublisher()
            : new LocalTargetChangePublisher(new ClusterTargetFeed());
        await new HubDatabase(factory).MigrateAsync(default);
        return new RolloutBenchHub(factory, publisher);
    }

    /// <summary>
    /// Records a revision and applies it, with the benchmark's Rollout when <paramref name="rollout"/>; returns the
    /// seconds from "compiled" to "committed" (plan, compress, <see cref="IRevisionStore.ApplyAsync"/>).
    /// </summary>
    public async Task<double> CommitAsync(int clusters, int generation, bool rollout)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var sha = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";
        var compiled = RolloutBenchFleet.Build(clusters, sha, generation);
        await _revisions.RecordFetchAsync(new FetchRecord(sha, [new FetchedCommit(sha, "bench", "bench commit", DateTime.UtcNow)], null), default);
        var revision = await _revisions.NextToProcessAsync(default) ?? throw new InvalidOperationException("revision not recorded");
        var started = Stopwatch.GetTimestamp();
        var desired = await _revisions.GetDesiredAsync(default);
        var decision = RevisionPlanner.Plan(revision.Id, sha, compiled, desired, approved: false);
        var bundles = RevisionProcessor.Compress(decision);
        await _revisions.ApplyAsync(decision.Plan with { NewBundles = bundles, Rollouts = rollout ? [RolloutBenchFleet.Policy] : [] },
            TimeSpan.Zero, default);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Members of the newest run.</summary>
    public async Task<int> MembersAsync()
    {
        await using var db = _contexts.CreateDbContext();
        var id = await db.Rollouts.MaxAsync(r => r.Id);
        return await db.RolloutMembers.CountAsync(m => m.RolloutId == id);
    }

    /// <summary>State of the newest run.</summary>
    public async Task<string> StateAsync()
    {
        await using var db = _contexts.CreateDbContext();
        return await db.Rollouts.OrderByDescending(r => r.Id).Select(r => r.State).FirstAsync();
    }

    /// <summary>One engine step over every active run; returns its seconds.</summary>
    public async Task<double> StepAsync(Edgeplane.Hub.Rollouts.RunStepSettings settings)
    {
        var started = Stopwatch.GetTimestamp();
        await Rollouts.StepAsync(settings, default);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
