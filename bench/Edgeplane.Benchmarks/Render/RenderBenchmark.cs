using System.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Rendering;

namespace Edgeplane.Benchmarks.Render;

/// <summary>
/// Render throughput: the example scaled to N edge sites, loaded once, one <see cref="FleetRenderer"/>, a warm-up
/// RenderAll, then several timed RenderAll runs on every core (as the hub renders) and one on a single core.
/// <c>render [--sites 10000] [--runs 5] [--example DIR] [--results DIR] [--note TEXT]</c>
/// </summary>
public static partial class RenderBenchmark
{
    /// <summary>The 1-minute load average (Linux), to show how busy the machine was; 0 elsewhere.</summary>
    private static double LoadAverage() => File.Exists("/proc/loadavg")
        ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
        : 0;

    public static Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var root = BenchArgs.RepoRoot();
        var sites = options.Int("--sites", 10_000);
        var runs = options.Int("--runs", 5);
        var example = options.Get("--example") ?? Path.Combine(root, "examples", "fleet");
        var resultsDir = options.Get("--results") ?? Path.Combine(root, "bench", "results");
        var work = Directory.CreateTempSubdirectory("ep-bench-render-").FullName;
        try
        {
            FleetGenerator.FleetGenerator.Generate(example, work, sites);
            var load = Stopwatch.StartNew();
            var loaded = FleetLoader.Load(work);
            load.Stop();
            if (!loaded.Succeeded)
            {
                Console.Error.WriteLine(string.Join('\n', loaded.Diagnostics.Take(20)));
                return Task.FromResult(1);
            }
            var result = Measure(loaded.Fleet!, runs);
            if (result is null)
            {
                return Task.FromResult(1);
            }
            var report = result with
            {
                Sites = sites, Example = Path.GetRelativePath(root, example), LoadSeconds = load.Elapsed.TotalSeconds, Note = options.Get("--note") ?? "",
            };
            Write(report, resultsDir, root);
            Console.WriteLine(Markdown(report));
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Each timed run builds a new renderer, as the hub does per revision, so no per-cluster work is reused.</summary>
    private static RenderReport? Measure(FleetSnapshot fleet, int runs)
    {
        var options = new RenderOptions { Revision = "bench" };
        var warm = new FleetRenderer(fleet).RenderAll(options);
        if (!warm.Succeeded)
        {
            Console.Error.WriteLine(string.Join('\n', warm.Diagnostics.Take(20)));
            return null;
        }
        var clusters = warm.Bundles.Count;
        var parallel = new List<double>();
        var perCpuSecond = new List<double>();
        var load = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var all = new FleetRenderer(fleet).RenderAll(options);
            watch.Stop();
            process.Refresh();
            parallel.Add(all.Bundles.Count / watch.Elapsed.TotalSeconds);
            perCpuSecond.Add(all.Bundles.Count / (process.TotalProcessorTime - cpu).TotalSeconds);
            load.Add(LoadAverage());
        }
        GC.Collect();
        var single = Stopwatch.StartNew();
        new FleetRenderer(fleet).RenderAll(options with { MaxDegreeOfParallelism = 1 });
        single.Stop();
        parallel.Sort();
        perCpuSecond.Sort();
        return new RenderReport
        {
            Clusters = clusters,
            Runs = runs,
            BundlesPerSecond = parallel,
            MedianBundlesPerSecond = parallel[parallel.Count / 2],
            SingleCoreBundlesPerSecond = clusters / single.Elapsed.TotalSeconds,
            MeanObjectsPerBundle = warm.Bundles.Average(b => b.Objects.Count),
            MeanBundleBytes = warm.Bundles.Average(b => b.CanonicalBytes.Length),
            MedianBundlesPerCpuSecond = perCpuSecond[perCpuSecond.Count / 2],
            LoadAverages = load,
        };
    }
}
