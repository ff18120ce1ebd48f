using System.Globalization;
using System.Text;
using System.Text.Json;
using Edgeplane.Hub;

namespace Edgeplane.Benchmarks.Gateway;

public static partial class GatewaySwarmBenchmark
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private const string Method =
        "A real hub runs in the benchmark process (HubApplication: default FleetRevisionCompiler, SQLite in a data folder kept " +
        "between runs, REST API on http://127.0.0.1:0, gateway listener https://127.0.0.1:0 with mTLS from the hub CA, default " +
        "GatewayOptions except the admission settings given below: heartbeat 15 s; defaults 500 streams/s burst 1,000, 500 handshakes/s burst 500 and " +
        "8 handshakes in flight per core, i.e. 16 on 2 cores, a wait of at most 10 s and 2,000 waiting). The fleet is " +
        "examples/fleet scaled by bench/Edgeplane.FleetGenerator to N edge sites; agent i is cluster edge-site-i. The agents " +
        "are simulated at the protocol level in a separate process (bench/Edgeplane.AgentSwarm): each has its own ECDSA key " +
        "and certificate, enrolled once through the real Enroll RPC with a bootstrap token from the REST API (the agent's " +
        "EnrollmentClient: Discover, CA pin, CSR) and cached in the work folder, its own SocketsHttpHandler (so its own TCP " +
        "and TLS connection), one Connect stream, heartbeats, numbered status reports kept until acknowledged and resent " +
        "after a reconnect, jittered exponential back-off (1 s doubling to 30 s) or the hub's retry hint. Agents do not " +
        "fetch bundles or apply anything. Times are CLOCK_MONOTONIC (Stopwatch) in both processes. Per run (one hub " +
        "lifetime): hub memory after a full compacting GC with 0 agents connected, then all N connected and each has sent " +
        "one status report; per agent = difference / N. Fan-out: a commit changing the monitoring add-on's remote-write URL " +
        "(every edge bundle changes) is pushed with a signed GitHub webhook; per agent, from the webhook and from the moment " +
        "the hub's pipeline reports the revision Applied, to the agent receiving its new target digest, which is checked " +
        "against the API's target digest. Status → API: one sampled agent at a time sends a report, the REST API " +
        "(GET /api/v1/clusters/{name}) is polled every 2 ms until it shows the sequence. Storm: every agent sends a report, " +
        "all N streams are dropped at once (each agent's connection closed), every agent buffers one more report while " +
        "offline, then all reconnect; timed until every agent has its Welcome again and every buffered report is " +
        "acknowledged; then the API's last status sequence of every cluster is compared with the agent's.";

    private static async Task WriteResultsAsync(string output, SwarmSettings settings, List<SwarmScale> scales)
    {
        var (machine, commit, date, load) = (BenchEnvironment.Machine(), BenchEnvironment.Commit(), DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture), LoadAverage());
        var json = new { suite = "gateway-swarm", machine, commit, date, loadAverageAtEnd = load, method = Method, settings, scales = scales.Select(Summary).ToList(), detail = scales };
        await File.WriteAllTextAsync(Path.Combine(output, "gateway-swarm.json"), JsonSerializer.Serialize(json, Indented) + "\n");
        await File.WriteAllTextAsync(Path.Combine(output, "gateway-swarm.md"), Markdown(machine, commit, date, load, settings, scales));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static object Summary(SwarmScale s)
    {
        var rounds = s.Runs.SelectMany(r => r.Rounds).ToList();
        var storms = s.Runs.SelectMany(r => r.Storms).ToList();
        return new
        {
            s.Agents, s.Clusters, s.EnrolSeconds, runs = s.Runs.Count, fanoutRounds = rounds.Count, storms = storms.Count,
            medianSeconds = new
            {
                webhookToApplied = Median(rounds.Select(r => r.WebhookToAppliedSeconds)),
                fromApplied = new { p50 = Median(rounds.Select(r => r.FromApplied.P50)), p99 = Median(rounds.Select(r => r.FromApplied.P99)), max = Median(rounds.Select(r => r.FromApplied.Max)) },
                fromWebhook = new { p50 = Median(rounds.Select(r => r.FromWebhook.P50)), p99 = Median(rounds.Select(r => r.FromWebhook.P99)), max = Median(rounds.Select(r => r.FromWebhook.Max)) },
                statusVisible = new { p50 = Median(s.Runs.Select(r => r.StatusVisible.P50)), p99 = Median(s.Runs.Select(r => r.StatusVisible.P99)), max = Median(s.Runs.Select(r => r.StatusVisible.Max)) },
                initialConnect = Median(s.Runs.Select(r => r.ConnectSeconds)),
                stormReestablished = Median(storms.Select(t => t.ReestablishedSeconds)),
                stormAllAcked = Median(storms.Select(t => t.AllAckedSeconds)),
            },
            medianHubBytesPerAgent = new { rss = Median(s.Runs.Select(r => r.RssPerAgentBytes)), managed = Median(s.Runs.Select(r => r.ManagedPerAgentBytes)) },
            stormLostReports = storms.Sum(t => t.LostReports),
        };
    }

    private static string Markdown(string machine, string commit, string date, string load, SwarmSettings settings, List<SwarmScale> scales)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Gateway: fan-out, memory per agent, status, reconnect storm (simulated agent swarm)\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Machine: {machine}. Commit: {commit}. Date: {date}. Load average (1/5/15 min) at the end: {load}.\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Method: {Method} {settings.Runs} run(s) per scale, {settings.Rounds} fan-out commit(s), {settings.Probes} status probes and {settings.Storms} storm(s) per run. Hub admission: {settings.HandshakeConcurrency} TLS handshakes in flight, {settings.HandshakeRate:0.#} TLS handshakes/s burst {settings.HandshakeBurst}, {settings.ConnectRate:0.#} Connect streams/s burst {settings.ConnectBurst}. Medians over runs (fan-out: over every commit of every run).\n\n");
        md.Append("## Against DESIGN.md\n\n| what | target | scale | measured (median) | met? |\n|---|---|---|---|---|\n");
        foreach (var s in scales)
        {
            var rounds = s.Runs.SelectMany(r => r.Rounds).ToList();
            var storms = s.Runs.SelectMany(r => r.Storms).ToList();
            var n = s.Agents.ToString("N0", CultureInfo.InvariantCulture);
            var fromApplied = Median(rounds.Select(r => r.FromApplied.P99));
            var fromWebhook = Median(rounds.Select(r => r.FromWebhook.P99));
            var rss = Median(s.Runs.Select(r => r.RssPerAgentBytes)) / 1024;
            var reestablished = Median(storms.Select(t => t.ReestablishedSeconds));
            var lost = storms.Sum(t => t.LostReports);
            var status = Median(s.Runs.Select(r => r.StatusVisible.P99));
            Row(md, "fan-out, commit (webhook) → every agent holds the new target, p99", "≤ 2 s", n, $"{fromWebhook:F2} s", fromWebhook <= 2);
            Row(md, "fan-out, revision Applied at the hub → every agent holds it, p99 (the gateway's share)", "≤ 2 s", n, $"{fromApplied:F3} s", fromApplied <= 2);
            Row(md, "hub memory per connected agent (RSS)", "≤ 64 KiB", n, $"{rss:F1} KiB (managed {Median(s.Runs.Select(r => r.ManagedPerAgentBytes)) / 1024:F1} KiB)", rss <= 64);
            Row(md, "reconnect storm: all re-established", "≤ 30 s", n, $"{reestablished:F1} s (all buffered reports acked {Median(storms.Select(t => t.AllAckedSeconds)):F1} s)", reestablished <= 30);
            Row(md, "reconnect storm: lost status reports", "0", n, $"{lost} of {storms.Sum(t => t.AgentsChecked):N0} agents' last report missing", lost == 0);
            Row(md, "status report → visible in the API, p99", "≤ 1 s", n, $"{status:F3} s", status <= 1);
        }
        md.Append("\n## Every run\n\n");
        foreach (var s in scales)
        {
            md.Append(CultureInfo.InvariantCulture, $"### {s.Agents:N0} agents ({s.Clusters:N0} clusters in the fleet)\n\n");
            md.Append(s.EnrolSeconds is { } e ? $"Enrolment of the agents without a cached certificate (tokens through the REST API + Discover/Enroll): {e:F1} s.\n\n" : "All certificates came from the cache.\n\n");
            md.Append("| run | first connect of all (s, attempts, OVERLOADED) | hub RSS 0 → N (MiB) | managed 0 → N (MiB) | per agent RSS / managed (KiB) | swarm RSS (MiB) | status → API p50 / p99 / max (s) | load start → end |\n|---|---|---|---|---|---|---|---|\n");
            foreach (var r in s.Runs)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {r.Run} | {r.ConnectSeconds:F1}, {r.ConnectAttempts:N0}, {r.ConnectOverloaded:N0} | {r.Idle.RssBytes / 1048576.0:F0} → {r.Connected.RssBytes / 1048576.0:F0} | {r.Idle.ManagedBytes / 1048576.0:F0} → {r.Connected.ManagedBytes / 1048576.0:F0} | {r.RssPerAgentBytes / 1024:F1} / {r.ManagedPerAgentBytes / 1024:F1} | {r.SwarmRssBytes / 1048576.0:F0} | {r.StatusVisible.P50:F3} / {r.StatusVisible.P99:F3} / {r.StatusVisible.Max:F3} | {r.LoadAverageStart} → {r.LoadAverageEnd} |\n");
            }
            md.Append("\n| run | commit | webhook → Applied (s) | Applied → agent p50 / p99 / max (s) | webhook → agent p50 / p99 / max (s) |\n|---|---|---|---|---|\n");
            foreach (var r in s.Runs)
            {
                foreach (var f in r.Rounds)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {r.Run} | {f.Revision[..8]} | {f.WebhookToAppliedSeconds:F2} | {f.FromApplied.P50:F3} / {f.FromApplied.P99:F3} / {f.FromApplied.Max:F3} | {f.FromWebhook.P50:F2} / {f.FromWebhook.P99:F2} / {f.FromWebhook.Max:F2} |\n");
                }
            }
            md.Append("\n| run | storm: reconnected | re-established (s) | all buffered reports acked (s) | connect attempts | OVERLOADED refusals | agents with a lost report | CPU s hub / swarm |\n|---|---|---|---|---|---|---|---|\n");
            foreach (var r in s.Runs)
            {
                foreach (var t in r.Storms)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {r.Run} | {t.Reconnected:N0} | {t.ReestablishedSeconds:F1} | {t.AllAckedSeconds:F1} | {t.Attempts:N0} | {t.Overloaded:N0} | {t.LostReports} of {t.AgentsChecked:N0} | {t.HubCpuSeconds:F0} / {t.SwarmCpuSeconds:F0} |\n");
                }
            }
            md.Append('\n');
        }
        md.Append("## How to run\n\n```sh\nulimit -n 20000   # each agent holds one socket in the swarm and one in the hub\n");
        md.Append("dotnet build -c Release bench/Edgeplane.AgentSwarm\n");
        md.Append("dotnet run -c Release --project bench/Edgeplane.Benchmarks -- gateway-swarm --agents 1000,10000 --runs 3 --rounds 3 --storms 1 --probes 100\n```\n\n");
        md.Append("The work folder (default /tmp/edgeplane-bench-swarm, `--work DIR`) keeps, per scale, the fleet repo, the hub data folder (CA, SQLite with the enrolled identities), the admin token and every agent's key and certificate, so only the first run enrols. Delete it to start over.\n");
        return md.ToString();
    }

    private static void Row(StringBuilder md, string what, string target, string scale, string measured, bool met) =>
        md.Append(CultureInfo.InvariantCulture, $"| {what} | {target} | {scale} | {measured} | {(met ? "met" : "**not met**")} |\n");
}
