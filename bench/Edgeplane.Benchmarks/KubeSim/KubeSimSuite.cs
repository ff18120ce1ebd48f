using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim;
using k8s;
using k8s.Models;

namespace Edgeplane.Benchmarks.KubeSim;

/// <summary>
/// KubeSim throughput (GET and server-side apply PATCH through the official client over HTTP, median of several runs)
/// and memory per virtual cluster with many clusters each holding a rendered-bundle-like set of ~80 objects.
/// Options: --clusters N (1000), --runs R (5), --seconds S (3), --concurrency C (8).
/// </summary>
internal static partial class KubeSimSuite
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        Console.WriteLine($"kubesim benchmark: {options}");
        var throughput = await MeasureThroughputAsync(options);
        var memory = await MeasureMemoryAsync(options);
        Report.Write(options, throughput, memory);
        return 0;
    }

    private static async Task<Dictionary<string, List<double>>> MeasureThroughputAsync(Options options)
    {
        await using var sim = await KubeSimServer.StartAsync();
        var cluster = sim.AddCluster("bench");
        var clients = Enumerable.Range(0, options.Concurrency).Select(_ => cluster.CreateClient()).ToList();
        await clients[0].CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "probe", NamespaceProperty = "default" },
            Data = new Dictionary<string, string> { ["a"] = "1" },
        }, "default");
        var results = new Dictionary<string, List<double>> { ["get"] = [], ["apply"] = [] };
        var counter = 0;
        // One unmeasured round first, so JIT tiering and connection set-up do not land in the first run.
        for (var run = -1; run < options.Runs; run++)
        {
            results["get"].Add(await RateAsync(clients, options.Seconds, c => c.CoreV1.ReadNamespacedConfigMapAsync("probe", "default")));
            results["apply"].Add(await RateAsync(clients, options.Seconds, c =>
            {
                var n = Interlocked.Increment(ref counter);
                var body = Bundle.ConfigMap($"applied-{n % 50}", n).ToJsonString();
                return c.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch),
                    "", "v1", "default", "configmaps", $"applied-{n % 50}", fieldManager: "bench", force: true);
            }));
            if (run < 0)
            {
                results["get"].Clear();
                results["apply"].Clear();
                continue;
            }
            Console.WriteLine($"  run {run + 1}: GET {results["get"][^1]:F0}/s, SSA PATCH {results["apply"][^1]:F0}/s");
        }
        return results;
    }

    private static async Task<double> RateAsync(List<Kubernetes> clients, double seconds, Func<Kubernetes, Task> call)
    {
        var stop = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        var counts = await Task.WhenAll(clients.Select(async client =>
        {
            var n = 0;
            while (stop.Elapsed < limit)
            {
                await call(client);
                n++;
            }
            return n;
        }));
        return counts.Sum() / stop.Elapsed.TotalSeconds;
    }

    private sealed record Options(int Clusters, int Runs, double Seconds, int Concurrency)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            return new Options(
                int.Parse(Value("--clusters") ?? "1000", CultureInfo.InvariantCulture),
                int.Parse(Value("--runs") ?? "5", CultureInfo.InvariantCulture),
                double.Parse(Value("--seconds") ?? "3", CultureInfo.InvariantCulture),
                int.Parse(Value("--concurrency") ?? "8", CultureInfo.InvariantCulture));
        }
    }
}
