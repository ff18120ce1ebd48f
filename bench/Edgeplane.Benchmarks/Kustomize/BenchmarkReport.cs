using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Benchmarks.Kustomize;

/// <summary>The numbers of one run, with the machine and commit they were measured on, as JSON and Markdown.</summary>
internal sealed class BenchmarkReport(int sites, int samples, OurTimes ours, double parallelSitesPerSecond, KubectlTimes kubectl, int verified)
{
    private const string Method =
        "A synthetic fleet repo with one add-on (Namespace, ServiceAccount, ClusterRole, ClusterRoleBinding, Deployment, "
        + "Service, ConfigMap generator) and one overlay per site (the add-on as base, a strategic merge site patch from a "
        + "file, a ConfigMap generator merge, an image override, site labels). Ours: a throwaway builder first builds a "
        + "quarter of the sites (JIT warm-up); then one new KustomizeBuilder builds site 0 (caching the add-on base) and "
        + "then every other site once, sequentially, each timed with "
        + "Stopwatch around Build (and separately Build plus YamlWriter). kubectl: `kubectl kustomize <site>` run as a "
        + "process for the first sites, sequentially, timed from start to exit, one shared fresh HOME. Each kubectl "
        + "output was compared object by object with ours. Ratio = kubectl median / our median build time per site. "
        + "CPU: our process CPU time over the sequential loop divided by the sites, and each kubectl process's CPU "
        + "(user + system, from /proc/self/stat children times, 10 ms resolution); CPU does not grow with machine load. "
        + "Parallel: all sites on all cores with a fresh builder.";

    // Taken once, right after the measurements, so both outputs show the same machine state.
    private readonly JsonObject _machine = Machine();

    private double OursMedian => Median(ours.Build);

    private double KubectlMedian => Median(kubectl.Wall);

    public double Ratio => KubectlMedian / OursMedian;

    private double CpuRatio => kubectl.Cpu.Average() / ours.CpuPerSite;

    public static string DefaultDirectory()
    {
        var dir = new DirectoryInfo(Environment.CurrentDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edgeplane.slnx")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? Environment.CurrentDirectory, "bench", "results");
    }

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(directory, "kustomize.json"), Json().ToJsonString(options) + "\n");
        File.WriteAllText(Path.Combine(directory, "kustomize.md"), Markdown());
    }

    private JsonObject Json() => new()
    {
        ["suite"] = "kustomize",
        ["measuredAt"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
        ["commit"] = Commit(),
        ["machine"] = _machine.DeepClone(),
        ["method"] = Method,
        ["sites"] = sites,
        ["kubectlSamples"] = samples,
        ["kubectlOutputsIdentical"] = verified,
        ["oursBuildMs"] = Stats(ours.Build),
        ["oursBuildAndYamlMs"] = Stats(ours.BuildAndYaml),
        ["kubectlMs"] = Stats(kubectl.Wall),
        ["oursCpuMsPerSite"] = Math.Round(ours.CpuPerSite, 4),
        ["kubectlCpuMsPerSite"] = Math.Round(kubectl.Cpu.Average(), 2),
        ["ratioKubectlOverOursMedian"] = Math.Round(Ratio, 1),
        ["ratioKubectlOverOursCpu"] = Math.Round(CpuRatio, 1),
        ["parallelSitesPerSecond"] = Math.Round(parallelSitesPerSecond),
    };

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Kustomize: per-site overlay build, ours vs kubectl kustomize").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- commit: `{Commit()}`");
        foreach (var (key, value) in _machine)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        }
        sb.AppendLine().AppendLine("| what | sites timed | median ms | p95 ms | mean ms |").AppendLine("|---|---|---|---|---|");
        Row(sb, "ours: Build", ours.Build);
        Row(sb, "ours: Build + YAML output", ours.BuildAndYaml);
        Row(sb, "kubectl kustomize (process)", kubectl.Wall);
        sb.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"**Ratio (kubectl median / our median): {Ratio:F0}x** (target: at least 100x). ")
            .AppendLine(CultureInfo.InvariantCulture,
                $"CPU per site: ours {ours.CpuPerSite:F3} ms, kubectl {kubectl.Cpu.Average():F1} ms, ratio {CpuRatio:F0}x. ")
            .AppendLine(CultureInfo.InvariantCulture, $"kubectl outputs identical to ours: {verified} of {samples}. ")
            .AppendLine(CultureInfo.InvariantCulture, $"Parallel, all cores, fresh builder: {parallelSitesPerSecond:F0} sites/s.");
        sb.AppendLine().AppendLine("Method: " + Method);
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string what, double[] times) => sb.AppendLine(CultureInfo.InvariantCulture,
        $"| {what} | {times.Length} | {Median(times):F3} | {Percentile(times, 0.95):F3} | {times.Average():F3} |");

    private static JsonObject Stats(double[] times) => new()
    {
        ["count"] = times.Length,
        ["median"] = Math.Round(Median(times), 4),
        ["p95"] = Math.Round(Percentile(times, 0.95), 4),
        ["mean"] = Math.Round(times.Average(), 4),
        ["min"] = Math.Round(times.Min(), 4),
    };

    private static double Median(double[] times) => Percentile(times, 0.5);

    private static double Percentile(double[] times, double p)
    {
        var sorted = times.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static JsonObject Machine() => new()
    {
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["cpu"] = CpuModel(),
        ["cores"] = Environment.ProcessorCount,
        ["loadAverage"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown",
        ["kubectl"] = KubectlVersion(),
    };

    private static string CpuModel() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
        : "unknown";

    private static string Commit() => Run("git", "rev-parse", "HEAD") ?? "unknown";

    private static string KubectlVersion() =>
        Run("kubectl", "version", "--client")?.Replace('\n', ' ') ?? "unknown";

    private static string? Run(string file, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true });
            var text = process!.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
