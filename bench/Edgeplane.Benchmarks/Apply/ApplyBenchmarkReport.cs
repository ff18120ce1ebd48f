using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Edgeplane.Benchmarks.Apply;

/// <summary>The apply benchmark's numbers with machine, commit and method, as JSON and Markdown under bench/results/.</summary>
internal sealed record ApplyBenchmarkReport(int Objects, int Runs, double FirstApplyMedian, double NoOpMedian, List<(double First, double NoOp)> Samples)
{
    private const string Method =
        "KubeSim in the same process over real HTTP on 127.0.0.1; three warm-up runs, then each run applies the bundle to a fresh "
        + "virtual cluster (first apply: all Created) and applies it again (no-op: all Unchanged, nothing written). "
        + "Throughput = objects / wall time of BundleApplier.ApplyAsync, median over runs. Default options (4 concurrent diffs, Strict validation).";

    public void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        var json = new
        {
            benchmark = "apply-engine",
            machine = Machine(),
            commit = Commit(),
            method = Method,
            objects = Objects,
            runs = Runs,
            firstApplyObjectsPerSecondMedian = Math.Round(FirstApplyMedian, 1),
            noOpReapplyObjectsPerSecondMedian = Math.Round(NoOpMedian, 1),
            samples = Samples.Select(s => new { firstApply = Math.Round(s.First, 1), noOp = Math.Round(s.NoOp, 1) }),
        };
        File.WriteAllText(Path.Combine(dir, "apply-engine.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllText(Path.Combine(dir, "apply-engine.md"), Markdown());
    }

    public string Markdown() => string.Create(CultureInfo.InvariantCulture, $"""
        # Apply engine throughput

        | what | objects/s (median of {Runs}) |
        |---|---|
        | first apply ({Objects} objects, all Created) | {FirstApplyMedian:0} |
        | no-op re-apply (all Unchanged, nothing written) | {NoOpMedian:0} |

        - machine: {Machine()}
        - commit: {Commit()}
        - method: {Method}

        """);

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";

    private static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true,
                WorkingDirectory = ApplyBenchmark.RepoRoot(),
            })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? sha : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
    }
}
