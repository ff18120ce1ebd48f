using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.Model.Sources;
using Edgeplane.Model.Yaml;
using Edgeplane.Rendering.Kustomize;

namespace Edgeplane.Benchmarks.Kustomize;

/// <summary>
/// Time per site of our build of a per-site overlay against <c>kubectl kustomize</c> of the same overlay, in one run.
/// Usage: <c>kustomize [--sites N] [--kubectl-samples M] [--out DIR]</c>. Writes kustomize.json and kustomize.md.
/// </summary>
public static class KustomizeBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sites = Option(args, "--sites", 2000);
        var samples = Math.Min(Option(args, "--kubectl-samples", 25), sites);
        var output = OptionText(args, "--out") ?? BenchmarkReport.DefaultDirectory();
        var root = Directory.CreateTempSubdirectory("ep-bench-kustomize-").FullName;
        try
        {
            BenchmarkFleet.Write(root, sites);
            var ours = MeasureOurs(root, sites);
            var parallel = MeasureParallel(root, sites);
            var kubectl = await MeasureKubectlAsync(root, samples);
            var report = new BenchmarkReport(sites, samples, ours, parallel, new KubectlTimes(kubectl.Times, kubectl.Cpu), kubectl.Verified);
            report.Write(output);
            Console.WriteLine(report.Markdown());
            return kubectl.Verified == samples ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Sequential first builds of every site with a warm builder (the add-on base already cached). A throwaway builder
    /// first builds a quarter of the sites so the JIT has settled, as in a long-running hub. Then one builder times
    /// Build alone (wall per site, process CPU over the loop) and another times Build plus writing the YAML.
    /// </summary>
    private static OurTimes MeasureOurs(string root, int sites)
    {
        var warmUp = NewBuilder(root, sites);
        for (var site = 0; site < Math.Max(1, sites / 4); site++)
        {
            Check(warmUp.Build(BenchmarkFleet.SiteDirectory(site)));
        }
        var cpuBefore = Cpu.Self();
        var build = Loop(root, sites, writeYaml: false);
        var cpuPerSite = (Cpu.Self() - cpuBefore) / (sites - 1);
        return new OurTimes(build, Loop(root, sites, writeYaml: true), cpuPerSite);
    }

    private static double[] Loop(string root, int sites, bool writeYaml)
    {
        var builder = NewBuilder(root, sites);
        Check(builder.Build(BenchmarkFleet.SiteDirectory(0)));
        var times = new double[sites - 1];
        for (var site = 1; site < sites; site++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = builder.Build(BenchmarkFleet.SiteDirectory(site));
            if (writeYaml)
            {
                _ = YamlWriter.Write(result.Objects);
            }
            times[site - 1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Check(result);
        }
        return times;
    }

    /// <summary>All sites on all cores with one fresh builder: sites per second, cold base included.</summary>
    private static double MeasureParallel(string root, int sites)
    {
        var builder = NewBuilder(root, sites);
        var start = Stopwatch.GetTimestamp();
        Parallel.For(0, sites, site => Check(builder.Build(BenchmarkFleet.SiteDirectory(site))));
        return sites / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<(double[] Times, double[] Cpu, int Verified)> MeasureKubectlAsync(string root, int samples)
    {
        var home = Directory.CreateTempSubdirectory("ep-bench-kubectl-home-").FullName;
        var builder = NewBuilder(root, samples);
        var times = new double[samples];
        var cpu = new double[samples];
        var verified = 0;
        try
        {
            for (var i = 0; i < samples; i++)
            {
                var dir = BenchmarkFleet.SiteDirectory(i);
                var (start, children) = (Stopwatch.GetTimestamp(), Cpu.Children());
                var yaml = await RunKubectlAsync(Path.Combine(root, dir), home);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                cpu[i] = Cpu.Children() - children;
                verified += SameObjects(yaml, builder.Build(dir).Objects) ? 1 : 0;
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
        return (times, cpu, verified);
    }

    private static async Task<string> RunKubectlAsync(string directory, string home)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOME"] = home;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"kubectl kustomize failed: {await error}");
    }

    private static bool SameObjects(string kubectlYaml, IReadOnlyList<JsonObject> ours)
    {
        var theirs = YamlLoader.Load("kubectl", kubectlYaml).Documents.Select(d => Canonical(d.Root)).ToList();
        return theirs.SequenceEqual(ours.Select(o => Canonical(o)));
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        _ => node?.ToJsonString() ?? "null",
    };

    private static KustomizeBuilder NewBuilder(string root, int sites) =>
        new(new RepoFileSystem(root, new LoadLimits { MaxFiles = 10 + (3 * sites) }));

    private static void Check(KustomizeResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        }
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>Our per-site times in milliseconds: the build alone, the build plus writing the YAML, and CPU per site.</summary>
internal sealed record OurTimes(double[] Build, double[] BuildAndYaml, double CpuPerSite);

/// <summary>kubectl's per-site wall times and the CPU time of each kubectl process, in milliseconds.</summary>
internal sealed record KubectlTimes(double[] Wall, double[] Cpu);
