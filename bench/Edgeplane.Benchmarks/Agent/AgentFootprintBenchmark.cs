using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim;

namespace Edgeplane.Benchmarks.Agent;

/// <summary>
/// Idle footprint of one agent: the real <c>edgeplane agent</c> process, enrolled with a real token, connected over mTLS to
/// a protocol-level hub in this process, with a small bundle applied to a KubeSim cluster (also in this process). Once the
/// agent reports Ready, it idles for a settle period, then its RSS (VmRSS from /proc) is sampled once a second.
/// Build the CLI first: <c>dotnet build -c Release src/Edgeplane.Cli</c> (or pass <c>--cli PATH</c>).
/// Options: <c>--settle SECONDS</c> (default 20), <c>--samples N</c> (default 30), <c>--cli PATH</c>.
/// </summary>
internal static class AgentFootprintBenchmark
{
    private const double TargetMiB = 40;

    public static async Task<int> RunAsync(string[] args)
    {
        var settle = TimeSpan.FromSeconds(Arg(args, "--settle", 20));
        var samples = Arg(args, "--samples", 30);
        var cli = ArgText(args, "--cli") ?? DefaultCli();
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"error: the edgeplane CLI '{cli}' does not exist; run: dotnet build -c Release src/Edgeplane.Cli");
            return 2;
        }
        var dir = Directory.CreateTempSubdirectory("edgeplane-agent-footprint-").FullName;
        try
        {
            return await MeasureAsync(cli, dir, settle, samples);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(string cli, string dir, TimeSpan settle, int count)
    {
        await using var sim = await KubeSimServer.StartAsync();
        sim.AddCluster("site-1", "v1.30.4");
        var kubeconfig = Path.Combine(dir, "kubeconfig.yaml");
        sim.WriteKubeconfig(kubeconfig, "site-1", ["site-1"]);
        var state = new FootprintHubState(SmallBundle("site-1"));
        await using var gateway = await FootprintGateway.StartAsync(Path.Combine(dir, "hub"), state);
        var token = await gateway.CreateTokenAsync("site-1");
        var start = new ProcessStartInfo(cli)
        {
            ArgumentList = { "agent", "--hub", gateway.Address.ToString(), "--token", token, "--kubeconfig", kubeconfig,
                "--state", Path.Combine(dir, "state"), "--log-level", "warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var agent = Process.Start(start)!;
        _ = agent.StandardOutput.ReadToEndAsync();
        var stderr = agent.StandardError.ReadToEndAsync();
        try
        {
            var converged = Stopwatch.StartNew();
            if (await Task.WhenAny(state.Ready.Task, Task.Delay(TimeSpan.FromSeconds(60)), agent.WaitForExitAsync()) != state.Ready.Task)
            {
                Console.Error.WriteLine($"error: the agent did not report Ready within 60 s: {(agent.HasExited ? await stderr : "(still running)")}");
                return 1;
            }
            var toReady = converged.Elapsed;
            await Task.Delay(settle);
            var rss = new List<double>();
            for (var i = 0; i < count; i++)
            {
                rss.Add(ReadStatusKiB(agent.Id, "VmRSS") / 1024.0);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            var peak = ReadStatusKiB(agent.Id, "VmHWM") / 1024.0;
            var anon = ReadStatusKiB(agent.Id, "RssAnon") / 1024.0;
            var file = ReadStatusKiB(agent.Id, "RssFile") / 1024.0;
            var shmem = ReadStatusKiB(agent.Id, "RssShmem") / 1024.0;
            Write(state, rss, peak, (anon, file, shmem), toReady, settle);
            return 0;
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
        }
    }

    private static void Write(FootprintHubState state, List<double> rss, double peak, (double Anon, double File, double Shmem) split, TimeSpan toReady,
        TimeSpan settle)
    {
        var sorted = rss.Order().ToList();
        var median = sorted[sorted.Count / 2];
        var method = $"The real `edgeplane agent` process (Release build, default settings, workstation GC) enrolled with a real bootstrap " +
            $"token and connected over mTLS to a protocol-level hub in the benchmark process (the hub's identity services, Connect, " +
            $"FetchBundle); KubeSim in the benchmark process serves its cluster. Bundle: {BundleObjects} objects ({state.Bundle.Length} bytes). " +
            $"After the agent reported Ready it idled {settle.TotalSeconds:0} s, then VmRSS was read from /proc/<pid>/status once a second " +
            $"{rss.Count} times; median quoted. Idle = heartbeats every 30 s, drift check every 60 s.";
        var json = new JsonObject
        {
            ["benchmark"] = "agent-footprint",
            ["machine"] = BenchEnvironment.Machine(),
            ["commit"] = BenchEnvironment.Commit(),
            ["method"] = method,
            ["targetMiB"] = TargetMiB,
            ["idleRssMiBMedian"] = Math.Round(median, 1),
            ["idleRssMiBMin"] = Math.Round(sorted[0], 1),
            ["idleRssMiBMax"] = Math.Round(sorted[^1], 1),
            ["peakRssMiB"] = Math.Round(peak, 1),
            ["lastRssAnonMiB"] = Math.Round(split.Anon, 1),
            ["lastRssFileMiB"] = Math.Round(split.File, 1),
            ["lastRssShmemMiB"] = Math.Round(split.Shmem, 1),
            ["secondsToReady"] = Math.Round(toReady.TotalSeconds, 2),
            ["statusReports"] = state.Reports,
            ["samplesMiB"] = new JsonArray(rss.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
        };
        var results = BenchEnvironment.ResultsDirectory();
        File.WriteAllText(Path.Combine(results, "agent-footprint.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var verdict = median <= TargetMiB ? "within" : "over";
        var md = new StringBuilder()
            .AppendLine("# Agent footprint")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- machine: {json["machine"]}")
            .AppendLine(CultureInfo.InvariantCulture, $"- commit: {json["commit"]}")
            .AppendLine(CultureInfo.InvariantCulture, $"- method: {method}")
            .AppendLine()
            .AppendLine("| measure | value | target |")
            .AppendLine("|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| idle RSS, median | {median:F1} MiB | ≤ {TargetMiB} MiB ({verdict}) |")
            .AppendLine(CultureInfo.InvariantCulture, $"| idle RSS, min – max | {sorted[0]:F1} – {sorted[^1]:F1} MiB | |")
            .AppendLine(CultureInfo.InvariantCulture, $"| of which anonymous (GC heap, native allocations) / file-backed (mapped runtime and assemblies) / shared (the runtime's W^X double-mapped code heap), last sample | {split.Anon:F1} / {split.File:F1} / {split.Shmem:F1} MiB | |")
            .AppendLine(CultureInfo.InvariantCulture, $"| peak RSS (VmHWM, includes enrolment and the first apply) | {peak:F1} MiB | |")
            .AppendLine(CultureInfo.InvariantCulture, $"| start → Ready | {toReady.TotalSeconds:F2} s | |");
        File.WriteAllText(Path.Combine(results, "agent-footprint.md"), md.ToString());
        Console.WriteLine(md.ToString());
    }

    private const int BundleObjects = 6;

    private static byte[] SmallBundle(string cluster)
    {
        var objects = new JsonArray
        {
            Obj("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"web"}}"""),
            Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"web"},"data":{"mode":"edge"}}"""),
            Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"features","namespace":"web"},"data":{"a":"1","b":"2"}}"""),
            Obj("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"api","namespace":"web"}}"""),
            Obj("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"web"},"spec":{"selector":{"app":"api"},"ports":[{"port":80}]}}"""),
            Obj("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"web"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"api"}},
              "template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"nginx:1.27"}]}}}}
            """),
        };
        var document = new JsonObject
        {
            ["apiVersion"] = "edgeplane.dev/v1alpha1",
            ["kind"] = "Bundle",
            ["metadata"] = new JsonObject { ["name"] = cluster },
            ["spec"] = new JsonObject { ["drift"] = "correct", ["objects"] = objects, ["prune"] = true, ["revision"] = "bench" },
        };
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private static JsonNode Obj(string json) => JsonNode.Parse(json)!;

    private static long ReadStatusKiB(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string DefaultCli()
    {
        var results = BenchEnvironment.ResultsDirectory();
        return Path.GetFullPath(Path.Combine(results, "..", "..", "src", "Edgeplane.Cli", "bin", "Release", "net10.0", "edgeplane"));
    }

    private static int Arg(string[] args, string name, int fallback) =>
        ArgText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? ArgText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
