using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Edgeplane.DashboardBench;

/// <summary>Writes dashboard.json (every sample) and dashboard.md (the method and the medians) to the results folder.</summary>
internal static class DashboardReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(string output, DashboardResult r)
    {
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "dashboard.json"), JsonSerializer.Serialize(r, Json));
        await File.WriteAllTextAsync(Path.Combine(output, "dashboard.md"), Markdown(r));
    }

    private static string Markdown(DashboardResult r)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"""
            # Dashboard: the overview at {r.Clusters:N0} clusters in Chromium, status change → open page

            Machine: {r.Machine}. Commit: {r.Commit}. Date: {r.Date:yyyy-MM-dd HH:mm:ss}Z. Browser: Debian's Chromium {r.Browser}, headless.
            Load average (1/5/15 min) at the start: {r.LoadAverageStart}; at the end: {r.LoadAverageEnd}.

            Method: a real hub runs in the benchmark process (HubApplication as in the gateway-swarm suite: default compiler,
            SQLite in the work folder, REST API and dashboard on http://127.0.0.1:0, gateway https://127.0.0.1:0 with mTLS,
            default GatewayOptions except the per-address enrolment rate, server GC). The fleet is examples/fleet scaled by
            bench/Edgeplane.FleetGenerator to {r.Settings.Agents:N0} edge sites ({r.Clusters:N0} clusters). {r.Settings.Agents:N0} simulated agents
            (bench/Edgeplane.AgentSwarm, a separate process, each with its own certificate and mTLS connection) connect
            (all connected {r.ConnectSeconds:F1} s after the first attempt) and each sends one healthy status report before anything is measured.
            Chromium is driven by Playwright for .NET with the dashboard tests' launch arguments, 1400×900 viewport.

            - **Overview load**: {r.Settings.Loads} loads, each in a fresh browser context (empty cache, signed in by `/?token=`, as a
              link would). Rendered = the view's h1 is there, no loading note is left, the layer table's total shows every
              cluster and the health map has one square per cluster. Measured in the page: `performance.now()` when that
              condition first holds (Playwright's `waitForFunction`, polled every animation frame), whose origin is the
              navigation start. Also given: Playwright's `goto` → rendered by the benchmark's clock.
            - **Status change → open page**: one overview stays open; {r.Settings.Changes} agents of distinct random sites, one at a
              time, report a failed object (Ready False); the hub marks the cluster Degraded and the page updates live
              (server-sent events, then it reads the changed cluster again). Latency = the swarm's send (Stopwatch, CLOCK_MONOTONIC)
              → Playwright's wait on the page returns in the benchmark process (same clock): the cluster's health-map
              square is unhealthy and the total's Unhealthy count went up by one. It includes Playwright's polling and
              round trip, so it is an upper bound.

            ## Against the issue

            | what | target | measured | met? |
            |---|---|---|---|
            | overview with {r.Clusters:N0} clusters, navigation start → rendered with every count | < 1 s | median {Ms(r.NavigationToRendered.Median)}, p95 {Ms(r.NavigationToRendered.P95)}, max {Ms(r.NavigationToRendered.Max)} ({r.Settings.Loads} loads) | {Met(r.NavigationToRendered.Median)} (median) |
            | status change → open page, p99, hub at {r.Settings.Agents:N0} agents | < 1 s | p99 {Ms(r.StatusToPage.P99)} (median {Ms(r.StatusToPage.Median)}, max {Ms(r.StatusToPage.Max)}, {r.Settings.Changes} changes) | {Met(r.StatusToPage.P99)} |

            ## Every load

            | load | navigation start → rendered (ms, page clock) | of it: last module arrived (ms) | last REST response arrived (ms) | REST requests: path start→end (ms) | goto → rendered (ms, benchmark clock) |
            |---|---|---|---|---|---|
            """);
        foreach (var load in r.Loads)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {load.Load} | {load.NavigationToRenderedMs:F0} | {load.ScriptsDoneMs:F0} | {load.LastApiResponseMs:F0} | {load.Timeline} | {load.GotoToRenderedMs:F0} |");
        }
        s.AppendLine();
        s.AppendLine("## Every status change (ms, in order)");
        s.AppendLine();
        s.AppendLine(string.Join(", ", r.StatusToPage.Samples.Select(v => v.ToString("F0", CultureInfo.InvariantCulture))));
        s.AppendLine();
        s.AppendLine("""
            ## How to run

            ```sh
            ulimit -n 20000   # each agent holds one socket in the swarm and one in the hub
            dotnet build -c Release bench/Edgeplane.AgentSwarm
            dotnet run -c Release --project bench/Edgeplane.DashboardBench -- --agents 10000 --loads 10 --changes 50
            ```

            The work folder (default /tmp/edgeplane-bench-swarm/<agents>, the gateway-swarm suite's layout, `--work DIR`) keeps
            the fleet repo, the hub's data folder and every agent's certificate, so only the first run enrols.
            """);
        return s.ToString();
    }

    private static string Ms(double ms) => ms >= 1000 ? (ms / 1000).ToString("F2", CultureInfo.InvariantCulture) + " s" : ms.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    private static string Met(double ms) => ms < 1000 ? "yes" : "**no**";
}
