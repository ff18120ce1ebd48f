extern alias engine;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using engine::Edgeplane.Kubernetes;
using engine::Edgeplane.Kubernetes.Apply;
using Edgeplane.KubeSim;

namespace Edgeplane.Benchmarks.Apply;

/// <summary>
/// Apply-engine throughput against KubeSim over real HTTP: objects per second for a first apply (everything Created)
/// and a no-op re-apply (everything Unchanged), median of several runs, each run on a fresh virtual cluster.
/// Usage: apply [--objects N] [--runs N] [--out DIR]
/// </summary>
public static class ApplyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var objects = IntArg(args, "--objects", 500);
        var runs = IntArg(args, "--runs", 7);
        var outDir = StringArg(args, "--out", Path.Combine(RepoRoot(), "bench", "results"));
        await using var server = await KubeSimServer.StartAsync();
        var bundle = Bundle(objects);
        // Three warm-up runs: the first runs are dominated by JIT tiering of both the engine and KubeSim.
        for (var i = 0; i < 3; i++)
        {
            await MeasureOnceAsync(server, $"warmup-{i}", bundle);
        }
        var samples = new List<(double First, double NoOp)>();
        for (var run = 0; run < runs; run++)
        {
            samples.Add(await MeasureOnceAsync(server, $"run-{run}", bundle));
            Console.Error.WriteLine($"run {run + 1}/{runs}: first {samples[^1].First:0} obj/s, no-op {samples[^1].NoOp:0} obj/s");
        }
        var report = new ApplyBenchmarkReport(objects, runs, Median(samples.Select(s => s.First)), Median(samples.Select(s => s.NoOp)), samples);
        report.Write(outDir);
        Console.WriteLine(report.Markdown());
        return 0;
    }

    private static async Task<(double First, double NoOp)> MeasureOnceAsync(KubeSimServer server, string name, IReadOnlyList<JsonObject> bundle)
    {
        var cluster = server.AddCluster($"bench-{name}");
        var applier = new BundleApplier(new ClusterConnection(cluster.CreateClient()));
        var request = new ApplyRequest { Cluster = cluster.Name, Bundle = "bench", Objects = bundle, Digest = "sha256:bench" };
        var first = await TimedAsync(applier, request, ChangeAction.Created);
        var noOp = await TimedAsync(applier, request, ChangeAction.Unchanged);
        server.RemoveCluster(cluster.Name);
        return (bundle.Count / first.TotalSeconds, bundle.Count / noOp.TotalSeconds);
    }

    private static async Task<TimeSpan> TimedAsync(BundleApplier applier, ApplyRequest request, ChangeAction expected)
    {
        var watch = Stopwatch.StartNew();
        var result = await applier.ApplyAsync(request);
        watch.Stop();
        if (!result.Succeeded || result.ChangeSet.Count(expected) != request.Objects.Count)
        {
            throw new InvalidOperationException($"benchmark apply did not do what it measures: {result.ChangeSet}; {string.Join("; ", result.Failures)}");
        }
        return watch.Elapsed;
    }

    /// <summary>One namespace; per 10 objects: 6 ConfigMaps, 2 Services, 2 Deployments — the mix of a typical add-on.</summary>
    private static List<JsonObject> Bundle(int count)
    {
        var objects = new List<JsonObject> { Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}""") };
        for (var i = 0; objects.Count < count; i++)
        {
            var name = $"obj-{i}";
            objects.Add((i % 10) switch
            {
                < 6 => Parse($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"bench"},"data":{"config.yaml":"replicas: 3\nlevel: info\n","id":"{{{i}}}"}}"""),
                < 8 => Parse($$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}","namespace":"bench"},"spec":{"selector":{"app":"{{{name}}}"},"ports":[{"name":"http","port":80,"targetPort":8080}]}}"""),
                _ => Parse($$$"""
                    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{name}}}","namespace":"bench"},
                     "spec":{"replicas":2,"selector":{"matchLabels":{"app":"{{{name}}}"}},"template":{"metadata":{"labels":{"app":"{{{name}}}"}},
                     "spec":{"containers":[{"name":"app","image":"registry.example.com/app:1.0","ports":[{"containerPort":8080}]}]} } } }
                    """),
            });
        }
        return objects;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string StringArg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edgeplane.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
