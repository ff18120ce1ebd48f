using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Edgeplane.Benchmarks.KubeSim;

/// <summary>Writes bench/results/kubesim.json and kubesim.md.</summary>
internal static class Report
{
    public static void Write(object options, Dictionary<string, List<double>> throughput, KubeSimSuite.MemoryResult memory)
    {
        var machine = BenchEnvironment.Machine();
        var commit = BenchEnvironment.Commit();
        var json = new JsonObject
        {
            ["suite"] = "kubesim",
            ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["machine"] = machine,
            ["commit"] = commit,
            ["options"] = options.ToString(),
            ["method"] = Method,
            ["throughput"] = new JsonObject
            {
                ["getPerSecondMedian"] = Median(throughput["get"]),
                ["applyPerSecondMedian"] = Median(throughput["apply"]),
                ["getRuns"] = new JsonArray(throughput["get"].Select(v => (JsonNode?)Math.Round(v)).ToArray()),
                ["applyRuns"] = new JsonArray(throughput["apply"].Select(v => (JsonNode?)Math.Round(v)).ToArray()),
            },
            ["memory"] = new JsonObject
            {
                ["clusters"] = memory.Clusters,
                ["appliedObjects"] = memory.AppliedObjects,
                ["storedObjects"] = memory.StoredObjects,
                ["heapBytes"] = memory.HeapBytes,
                ["heapBytesPerCluster"] = Math.Round(memory.HeapPerCluster),
                ["rssDeltaBytes"] = memory.RssDeltaBytes,
                ["rssBytesPerCluster"] = Math.Round(memory.RssPerCluster),
                ["rssBytesTotal"] = memory.RssBytes,
                ["loadSeconds"] = Math.Round(memory.LoadSeconds, 1),
            },
        };
        var dir = BenchEnvironment.ResultsDirectory();
        File.WriteAllText(Path.Combine(dir, "kubesim.json"), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllText(Path.Combine(dir, "kubesim.md"), Markdown(machine, commit, options, throughput, memory));
        Console.WriteLine($"GET median {Median(throughput["get"]):F0}/s, SSA PATCH median {Median(throughput["apply"]):F0}/s");
        Console.WriteLine($"{memory.Clusters} clusters, {memory.StoredObjects} objects: heap {memory.HeapPerCluster / 1024:F0} KiB/cluster, RSS {memory.RssPerCluster / 1024:F0} KiB/cluster, RSS total {memory.RssBytes / 1048576.0:F0} MiB");
        Console.WriteLine($"results: {dir}/kubesim.json, kubesim.md");
    }

    private const string Method =
        "Throughput: one KubeSim server and one virtual cluster in the benchmark process; C concurrent official KubernetesClient " +
        "instances over HTTP/1.1 on loopback issue GET of one ConfigMap, then server-side apply PATCH (force, 50 rotating ConfigMaps " +
        "whose data changes on each call, so every call commits) for S seconds each; one warm-up round, then R runs, median reported. Memory: a fresh server; " +
        "N clusters each get the 76-object bundle by server-side apply over HTTP (plus 4 seeded namespaces and 1 node; controllers " +
        "add status); full compacting GC before and after; managed heap and RSS deltas divided by N. Client and server share the process.";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2);
    }

    private static string Markdown(string machine, string commit, object options, Dictionary<string, List<double>> throughput, KubeSimSuite.MemoryResult memory)
    {
        var text = new StringBuilder();
        text.AppendLine("# KubeSim benchmark");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {machine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- commit: {commit}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- options: {options}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- method: {Method}");
        text.AppendLine();
        text.AppendLine("| measure | median | runs |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| GET requests/s | {Median(throughput["get"]):F0} | {string.Join(", ", throughput["get"].Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| SSA PATCH requests/s | {Median(throughput["apply"]):F0} | {string.Join(", ", throughput["apply"].Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))} |");
        text.AppendLine();
        text.AppendLine("| memory | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| clusters | {memory.Clusters} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| objects stored | {memory.StoredObjects} ({memory.AppliedObjects} applied) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| managed heap per cluster | {memory.HeapPerCluster / 1024:F0} KiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| RSS growth per cluster | {memory.RssPerCluster / 1024:F0} KiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| process RSS after load | {memory.RssBytes / 1048576.0:F0} MiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| load time (HTTP SSA) | {memory.LoadSeconds:F1} s |");
        return text.ToString();
    }
}
