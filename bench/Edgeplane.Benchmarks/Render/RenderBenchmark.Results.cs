using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Edgeplane.Benchmarks.Render;

public static partial class RenderBenchmark
{
    private const string Method =
        "The example fleet scaled to N edge sites by FleetGenerator; loaded once; one FleetRenderer; one warm-up RenderAll; "
        + "then R timed RenderAll runs using every core (Parallel.For, as the hub renders), bundles/s = clusters / wall time, "
        + "median reported (each run builds a new FleetRenderer, as the hub does per revision, so no per-cluster work is reused); "
        + "bundles per CPU-second = clusters / process CPU time of the run; then one RenderAll on a single core. In-process, Release build, server GC (the benchmark process; the shipped edgeplane binary runs the default workstation GC).";

    private static void Write(RenderReport report, string dir, string root)
    {
        Directory.CreateDirectory(dir);
        var document = new
        {
            suite = "render",
            date = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            commit = Commit(root),
            machine = Machine(),
            method = Method,
            target = new { bundlesPerSecond = 2000, sites = 10_000 },
            result = report,
        };
        File.WriteAllText(Path.Combine(dir, "render.json"), JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllText(Path.Combine(dir, "render.md"), $"# Render benchmark\n\nCommit `{document.commit}`, {document.date}, {document.machine}.\n\n{Method}\n\n{Markdown(report)}\n");
    }

    private static string Markdown(RenderReport r)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"| measure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(c, $"| example | `{r.Example}` scaled to {r.Sites} edge sites ({r.Clusters} clusters) |");
        text.AppendLine(c, $"| load + validate | {r.LoadSeconds:F2} s |");
        if (r.Note.Length > 0)
        {
            text.AppendLine(c, $"| note | {r.Note} |");
        }
        text.AppendLine(c, $"| **median bundles/s (all cores, {r.Runs} runs)** | **{r.MedianBundlesPerSecond:F0}** (target ≥ 2,000) |");
        text.AppendLine(c, $"| runs, bundles/s | {string.Join(", ", r.BundlesPerSecond.Select(v => v.ToString("F0", c)))} |");
        text.AppendLine(c, $"| single core bundles/s | {r.SingleCoreBundlesPerSecond:F0} |");
        text.AppendLine(c, $"| median bundles per CPU-second | {r.MedianBundlesPerCpuSecond:F0} |");
        text.AppendLine(c, $"| 1-min load average during runs | {string.Join(", ", r.LoadAverages.Select(v => v.ToString("F1", c)))} |");
        text.AppendLine(c, $"| mean objects per bundle | {r.MeanObjectsPerBundle:F1} |");
        text.AppendLine(c, $"| mean bundle size | {r.MeanBundleBytes / 1024:F1} KiB |");
        return text.ToString();
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string Commit(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { WorkingDirectory = root, RedirectStandardOutput = true })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? sha : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
