using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Edgeplane.Benchmarks.Hub;

public static partial class HubPipelineBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task WriteResultsAsync(string directory, PipelineFleetRepo repo, int runs, List<PipelineStoreResult> results)
    {
        Directory.CreateDirectory(directory);
        var machine = BenchEnvironment.Machine();
        var commit = BenchEnvironment.Commit();
        var load = LoadAverage();
        var date = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture);
        var method = Method(repo, runs);
        var json = new
        {
            suite = "hub-pipeline",
            machine,
            commit,
            date,
            loadAverageAtEnd = load,
            method,
            clusters = repo.ClusterCount,
            files = repo.FileCount,
            results = results.Select(r => new
            {
                store = r.Store,
                medianSeconds = new
                {
                    full = Medians(r, x => x.Full),
                    oneSiteChanged = Medians(r, x => x.Incremental),
                },
                runs = r.Runs,
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "hub-pipeline.json"), JsonSerializer.Serialize(json, Json));
        var md = new StringBuilder();
        md.AppendLine("# Hub: commit → every desired digest stored, end to end").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Commit: {commit}. Date: {date}. Load average (1/5/15 min) at the end: {load}.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Method: {method}").AppendLine();
        md.AppendLine("Medians in seconds. Fetch is webhook → fetch done, timed by the benchmark; the phases come from the hub's own " +
            "`edgeplane_hub_revision_phase_duration_seconds` (checkout: bring the hub's working folder to the commit's tree; load: read, parse and validate " +
            "every file; render: every cluster; plan: read the stored desired state and compare; compress; store: one transaction). " +
            "Total = webhook → revision Applied event; other = total minus fetch and the phases (wake-up, bookkeeping).").AppendLine();
        md.AppendLine($"| store | commit | total | fetch | {string.Join(" | ", PushTiming.PhaseNames)} | other | runs (total) |");
        md.AppendLine($"|---|---|---|---|{string.Concat(PushTiming.PhaseNames.Select(_ => "---|"))}---|---|");
        foreach (var r in results)
        {
            Row(md, r, "whole fleet (all clusters new)", x => x.Full);
            Row(md, r, "one site's variable changed", x => x.Incremental);
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "hub-pipeline.md"), md.ToString());
        Console.WriteLine(md.ToString());
    }

    private static Dictionary<string, double> Medians(PipelineStoreResult r, Func<PipelineRun, PushTiming> pick)
    {
        var medians = new Dictionary<string, double>
        {
            ["total"] = r.Median(x => pick(x).Total),
            ["fetch"] = r.Median(x => pick(x).Fetch),
        };
        foreach (var phase in PushTiming.PhaseNames)
        {
            medians[phase] = r.Median(x => pick(x).Phases[phase]);
        }
        medians["other"] = r.Median(x => pick(x).Other);
        return medians;
    }

    private static void Row(StringBuilder md, PipelineStoreResult r, string what, Func<PipelineRun, PushTiming> pick)
    {
        var m = Medians(r, pick);
        var cells = new[] { "total", "fetch" }.Concat(PushTiming.PhaseNames).Append("other")
            .Select(k => m[k].ToString("F2", CultureInfo.InvariantCulture));
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {r.Store} | {what} | {string.Join(" | ", cells)} | {string.Join(", ", r.Runs.Select(x => pick(x).Total.ToString("F2", CultureInfo.InvariantCulture)))} |");
    }

    private static string Method(PipelineFleetRepo repo, int runs) =>
        $"examples/fleet scaled by bench/Edgeplane.FleetGenerator to {repo.ClusterCount:N0} clusters ({repo.FileCount:N0} files), committed to a " +
        "local Git repo. Per run: a fresh hub (HubApplication with its default FleetRevisionCompiler, Kestrel, default limits) on a fresh " +
        "data folder and database starts with no 'main' branch; then 'main' is pointed at the fleet commit and a signed GitHub webhook is " +
        "sent; timed until the revision is Applied (every desired digest stored). Then 'main' moves to a second commit that changes one " +
        "site's siteId in fleet.yaml (one bundle changes) and the same is timed. After each push every cluster's stored desired digest " +
        "and revision (read through the REST API) is checked against FleetRenderer's output for that commit. " +
        $"{runs} run(s) per store; medians. PostgreSQL 15 local with fsync on; SQLite (WAL) in the hub's data folder. Server GC (the benchmark process; the shipped edgeplane binary runs the default workstation GC).";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
