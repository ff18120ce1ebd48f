using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Edgeplane.Benchmarks.Hub;

public static partial class HubRolloutBenchmark
{
    internal sealed record RunSample(double CommitWithoutRolloutSeconds, double CommitWithRolloutSeconds, double FirstStepSeconds,
        double IdleStepSeconds, double MedianStepSeconds, double SlowestStepSeconds, int Steps, double StepsTotalSeconds, double ReportsTotalSeconds)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"commit without rollout {CommitWithoutRolloutSeconds:F2} s, with rollout {CommitWithRolloutSeconds:F2} s, first step {FirstStepSeconds:F2} s, " +
            $"idle step {IdleStepSeconds:F2} s, median step {MedianStepSeconds:F2} s (slowest {SlowestStepSeconds:F2} s), {Steps} steps, " +
            $"{StepsTotalSeconds:F1} s to Succeeded ({ReportsTotalSeconds:F1} s of it agent reports)");
    }

    internal sealed record StoreResult(string Store, List<RunSample> Runs)
    {
        public double Median(Func<RunSample, double> pick) => HubRolloutBenchmark.Median(Runs.Select(pick));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task WriteResultsAsync(string directory, int clusters, int runs, List<StoreResult> results)
    {
        Directory.CreateDirectory(directory);
        var machine = BenchEnvironment.Machine();
        var commit = BenchEnvironment.Commit();
        var load = LoadAverage();
        var date = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture);
        var json = new
        {
            suite = "rollout-engine", machine, commit, loadAverageAtEnd = load, date, method = Method(clusters, runs), clusters,
            results = results.Select(r => new
            {
                store = r.Store,
                medianSeconds = new
                {
                    commitWithoutRollout = r.Median(s => s.CommitWithoutRolloutSeconds),
                    commitWithRollout = r.Median(s => s.CommitWithRolloutSeconds),
                    firstStep = r.Median(s => s.FirstStepSeconds),
                    idleStep = r.Median(s => s.IdleStepSeconds),
                    step = r.Median(s => s.MedianStepSeconds),
                    slowestStep = r.Median(s => s.SlowestStepSeconds),
                    stepsToSucceeded = r.Median(s => s.StepsTotalSeconds),
                    agentReports = r.Median(s => s.ReportsTotalSeconds),
                },
                steps = r.Median(s => s.Steps),
                runs = r.Runs,
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "rollout-engine.json"), JsonSerializer.Serialize(json, Json));
        var md = Markdown(machine, commit, load, date, clusters, runs, results);
        await File.WriteAllTextAsync(Path.Combine(directory, "rollout-engine.md"), md);
        Console.WriteLine(md);
    }

    private static string Markdown(string machine, string commit, string load, string date, int clusters, int runs, List<StoreResult> results)
    {
        var md = new StringBuilder();
        md.AppendLine("# Hub: rollout engine at scale").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: {machine}. Commit: {commit}. Date: {date}. Load average (1/5/15 min) at the end: {load}.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Method: {Method(clusters, runs)}").AppendLine();
        if (double.TryParse(load.Split(' ')[0], CultureInfo.InvariantCulture, out var l) && l > Environment.ProcessorCount)
        {
            md.AppendLine("Note: the machine was shared with other work during the run (load average above the core count), " +
                "so these times are upper bounds; rerun on a quiet machine for the real figure.").AppendLine();
        }
        md.AppendLine("| store | commit, no Rollout | commit, Rollout (run created) | first step | idle step | median step | slowest step | steps | start → Succeeded | of which agent reports | runs |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Store} | {r.Median(s => s.CommitWithoutRolloutSeconds):F2} s | {r.Median(s => s.CommitWithRolloutSeconds):F2} s | " +
                $"{r.Median(s => s.FirstStepSeconds):F2} s | {r.Median(s => s.IdleStepSeconds):F2} s | {r.Median(s => s.MedianStepSeconds):F2} s | " +
                $"{r.Median(s => s.SlowestStepSeconds):F2} s | {r.Median(s => s.Steps):F0} | {r.Median(s => s.StepsTotalSeconds):F1} s | " +
                $"{r.Median(s => s.ReportsTotalSeconds):F1} s | {r.Runs.Count} |");
        }
        return md.ToString();
    }

    private static string Method(int clusters, int runs) =>
        $"{clusters:N0} synthetic clusters (the hub-commit suite's bundles; 20 cloud, 180 regional, the rest edge; the first 10 labelled " +
        "canary). One Rollout governs every cluster: waves canary (label selector, 5 at a time), cloud, regional, 10% of edge, the " +
        "rest of edge; maxUnavailable 10%, soakTime 0, health gate 100% healthy within 5m, automatic rollback. Per run two fresh " +
        "databases: commit 1 (all clusters new: targets move at once), then commit 2 (every bundle changed), timed from 'compiled' to " +
        "'committed' (plan, compress, EfRevisionStore.ApplyAsync) without a Rollout and with it (then the commit also creates one run " +
        $"with all {clusters:N0} clusters as members). Then EfRolloutStore.StepAsync on that run: the first step (start, canary moves), " +
        "3 idle steps (nothing reported, nothing to change; median), then, until the run is Succeeded, fake agents report every new " +
        "target applied and Healthy (EfAgentStateStore.RecordStatusBatchAsync, hub lease renewed) and the engine steps; the store's " +
        "clock is moved 10 s between steps. 'steps' counts the first step and every report-and-step (not the idle ones); 'median " +
        "step' is the median of the report-and-steps; 'start → Succeeded' is the wall time from the " +
        $"first step to Succeeded, agent reports included. {runs} run(s); medians over runs. SQLite WAL in a temp folder; " +
        "PostgreSQL 15 local, fsync on, when listed.";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
