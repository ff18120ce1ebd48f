using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Edgeplane.Benchmarks.Hub;

public static partial class HubCommitBenchmark
{
    private static async Task WriteResultsAsync(string directory, int clusters, int runs, List<StoreResult> results)
    {
        Directory.CreateDirectory(directory);
        var machine = BenchEnvironment.Machine();
        var commit = BenchEnvironment.Commit();
        var json = new
        {
            suite = "hub-commit",
            machine,
            commit,
            loadAverageAtEnd = LoadAverage(),
            date = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            method = Method(clusters, runs),
            clusters,
            results = results.Select(r => new
            {
                store = r.Store,
                medianSeconds = new
                {
                    allNew = r.Median(s => s.AllNewSeconds),
                    allChanged = r.Median(s => s.AllChangedSeconds),
                    contentUnchanged = r.Median(s => s.UnchangedSeconds),
                },
                runs = r.Runs,
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "hub-commit.json"), JsonSerializer.Serialize(json, Json));
        var md = new StringBuilder();
        md.AppendLine("# Hub: commit → every desired digest stored").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: {machine}. Commit: {commit}. Date: {json.date}. Load average (1/5/15 min) at the end: {json.loadAverageAtEnd}.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Method: {Method(clusters, runs)}").AppendLine();
        if (double.TryParse(json.loadAverageAtEnd.Split(' ')[0], CultureInfo.InvariantCulture, out var load) && load > Environment.ProcessorCount)
        {
            md.AppendLine("Note: the machine was shared with other work during the run (load average above the core count), " +
                "so these times are upper bounds; rerun on a quiet machine for the real figure.").AppendLine();
        }
        md.AppendLine("| store | all clusters new (median) | every cluster changed (median) | content unchanged (median) | runs |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Store} | {r.Median(s => s.AllNewSeconds):F2} s | {r.Median(s => s.AllChangedSeconds):F2} s | {r.Median(s => s.UnchangedSeconds):F2} s | {r.Runs.Count} |");
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "hub-commit.md"), md.ToString());
        Console.WriteLine(md.ToString());
    }

    private static string Method(int clusters, int runs) =>
        $"{clusters:N0} clusters, each with its own synthetic bundle (9 objects, ~6 KB canonical JSON). Per run a fresh database; " +
        "three commits: all clusters new, every cluster's content changed, and a commit with no content change. Timed from " +
        "'compiled' to 'committed': read desired state, plan (content digests), Brotli-compress the new bundles in parallel, " +
        "one transaction writing bundles, declarations, desired/target digests and audit (EfRevisionStore.ApplyAsync). Rendering is " +
        $"not included (see the rendering suite). {runs} run(s); medians. PostgreSQL 15 local, fsync on; SQLite WAL in a temp folder.";

    /// <summary>The machine is shared: the load average says how much of it the run had.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
