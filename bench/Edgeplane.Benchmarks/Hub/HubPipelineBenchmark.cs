namespace Edgeplane.Benchmarks.Hub;

/// <summary>
/// End to end through the real hub: a commit of the example fleet scaled to N edge sites is pushed (signed webhook) and
/// timed until every cluster's desired digest is stored — fetch, checkout, load, validate, render, plan, compress, store —
/// then a second commit that changes one site's variable (one bundle changes). Every run uses a fresh hub data folder
/// and a fresh database, and checks every stored digest against FleetRenderer's.
/// Usage: <c>hub pipeline [--sites 10000] [--runs 3] [--stores sqlite,postgres] [--out bench/results]</c>.
/// </summary>
public static partial class HubPipelineBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var sites = options.Int("--sites", 10_000);
        var runs = options.Int("--runs", 3);
        var stores = (options.Get("--stores") ?? "sqlite,postgres").Split(',');
        var output = options.Get("--out") ?? BenchEnvironment.ResultsDirectory();
        Console.Error.WriteLine($"generating and committing the example fleet with {sites} edge sites …");
        using var repo = PipelineFleetRepo.Create(Path.Combine(BenchArgs.RepoRoot(), "examples", "fleet"), sites);
        Console.Error.WriteLine($"{repo.ClusterCount} clusters, {repo.FileCount} files; changed cluster {repo.ChangedCluster}");
        var results = new List<PipelineStoreResult>();
        ThrowawayPostgres? postgres = null;
        try
        {
            foreach (var store in stores)
            {
                if (store == "postgres")
                {
                    postgres ??= await ThrowawayPostgres.StartAsync();
                }
                var samples = new List<PipelineRun>();
                for (var run = 0; run < runs; run++)
                {
                    var connection = store == "postgres" ? await postgres!.CreateDatabaseAsync($"pipe_{Guid.NewGuid():N}"[..20]) : null;
                    samples.Add(await MeasureAsync(repo, connection));
                    Console.Error.WriteLine($"{store} run {run + 1}: full {samples[^1].Full}; one site {samples[^1].Incremental}");
                }
                results.Add(new PipelineStoreResult(store, samples));
            }
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
        await WriteResultsAsync(output, repo, runs, results);
        return 0;
    }

    private static async Task<PipelineRun> MeasureAsync(PipelineFleetRepo repo, string? store)
    {
        var data = Directory.CreateTempSubdirectory("edgeplane-bench-hub-data-").FullName;
        try
        {
            repo.Unpublish();
            await using var hub = await PipelineHub.StartAsync(repo.Path, data, store);
            repo.Publish(repo.Full);
            var full = await hub.PushAsync(repo.Full);
            var afterFull = await hub.DesiredAsync();
            Check(afterFull, repo.FullDigests, repo.Full, except: null, null);
            repo.Publish(repo.Incremental);
            var incremental = await hub.PushAsync(repo.Incremental);
            Check(await hub.DesiredAsync(), repo.FullDigests, repo.Full, except: repo.ChangedCluster, (repo.IncrementalDigests[repo.ChangedCluster], repo.Incremental));
            return new PipelineRun(full, incremental);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Every cluster holds the renderer's digest for <paramref name="revision"/>, except one that moved to <paramref name="moved"/>.</summary>
    private static void Check(Dictionary<string, Edgeplane.Hub.Api.Contracts.DigestRef> stored, IReadOnlyDictionary<string, string> expected,
        string revision, string? except, (string Digest, string Revision)? moved)
    {
        if (stored.Count != expected.Count)
        {
            throw new InvalidOperationException($"the hub stores {stored.Count} clusters, the renderer gives {expected.Count}");
        }
        foreach (var (name, digest) in expected)
        {
            var want = name == except ? moved!.Value : (digest, revision);
            if (!stored.TryGetValue(name, out var got) || (got.Digest, got.Revision) != want)
            {
                throw new InvalidOperationException($"cluster {name}: stored {got?.Digest}@{got?.Revision}, expected {want.Item1}@{want.Item2}");
            }
        }
    }

    internal sealed record PipelineRun(PushTiming Full, PushTiming Incremental);

    internal sealed record PipelineStoreResult(string Store, List<PipelineRun> Runs)
    {
        public double Median(Func<PipelineRun, double> pick)
        {
            var values = Runs.Select(pick).Order().ToList();
            return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        }
    }

}
