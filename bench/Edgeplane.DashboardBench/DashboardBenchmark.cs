using System.Diagnostics;
using Edgeplane.Benchmarks;
using Edgeplane.Benchmarks.Gateway;

namespace Edgeplane.DashboardBench;

/// <summary>
/// A real hub in this process (as the gateway-swarm suite: SQLite in the work folder, mTLS gateway, default options
/// but for the per-address enrolment rate) with the example fleet scaled to N edge sites and N simulated agents in the
/// swarm process (bench/Edgeplane.AgentSwarm), every one connected and reporting; then the browser measurements.
/// The work folder layout is the gateway-swarm suite's, so both reuse the same enrolled agents.
/// </summary>
internal static class DashboardBenchmark
{
    public static async Task<DashboardResult> RunAsync(string work, DashboardSettings settings)
    {
        SwarmProcess.Dll();
        Directory.CreateDirectory(work);
        var loadStart = LoadAverage();
        Log($"{settings.Agents} agents: fleet repo in {work}");
        using var repo = SwarmFleetRepo.Open(Path.Combine(BenchArgs.RepoRoot(), "examples", "fleet"), Path.Combine(work, "repo"), settings.Agents);
        var clustersFile = Path.Combine(work, "clusters.txt");
        await File.WriteAllLinesAsync(clustersFile, repo.Clusters);
        var gateway = new Edgeplane.Hub.GatewayOptions() with { EnrollRate = 1_000_000, EnrollBurst = 1_000_000 };
        await using var hub = await SwarmHub.StartAsync(repo.Path, Path.Combine(work, "hub-data"), Path.Combine(work, "admin-token"), gateway);
        await hub.PushAsync(repo.CommitRound());
        var clusters = (await hub.ClustersAsync()).Count;
        await EnrolMissingAsync(hub, work, repo.Clusters);
        var (swarm, ready) = await SwarmProcess.StartAsync(hub.Gateway, Path.Combine(work, "agents"), clustersFile);
        await using (swarm)
        {
            if (ready.GetProperty("frequency").GetInt64() != Stopwatch.Frequency)
            {
                throw new InvalidOperationException("the swarm's Stopwatch frequency differs from this process's; timestamps are not comparable");
            }
            var connect = await swarm.SendAsync("connect");
            Log($"connect: {connect}");
            if (connect.GetProperty("connected").GetInt32() != repo.Clusters.Count)
            {
                throw new InvalidOperationException($"only {connect.GetProperty("connected").GetInt32()} of {repo.Clusters.Count} agents connected");
            }
            Log($"status from every agent: {await swarm.SendAsync("report-all")}");
            var token = (await File.ReadAllTextAsync(Path.Combine(work, "admin-token"))).Trim();
            await using var browser = await DashboardBrowser.StartAsync(hub.Api.BaseAddress!, token);
            var loads = await browser.MeasureLoadsAsync(settings.Loads, clusters);
            Log($"overview loads (ms): {string.Join(", ", loads.Select(l => l.NavigationToRenderedMs.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
            var changes = await browser.MeasureChangesAsync(settings.Changes, repo.Clusters, clusters, swarm);
            Log($"status changes (ms): {string.Join(", ", changes.Select(c => c.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
            return new DashboardResult(BenchEnvironment.Commit(), DateTime.UtcNow, BenchEnvironment.Machine(), settings, clusters,
                connect.GetProperty("seconds").GetDouble(), browser.Version, loads,
                Percentiles.Of([.. loads.Select(l => l.NavigationToRenderedMs)]), Percentiles.Of([.. loads.Select(l => l.GotoToRenderedMs)]),
                Percentiles.Of(changes), loadStart, LoadAverage());
        }
    }

    /// <summary>Enrols every agent without a stored certificate (as the gateway-swarm suite does).</summary>
    private static async Task EnrolMissingAsync(SwarmHub hub, string work, IReadOnlyList<string> clusters)
    {
        var state = Path.Combine(work, "agents");
        var missing = clusters.Where(c => !File.Exists(Path.Combine(state, c, "identity", "agent.pem"))).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        Log($"creating {missing.Count} bootstrap tokens through the REST API …");
        var tokens = new string[missing.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, missing.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => tokens[i] = $"{missing[i]} {await hub.CreateTokenAsync(missing[i])}");
        var tokenFile = Path.Combine(work, "tokens.txt");
        await File.WriteAllLinesAsync(tokenFile, tokens);
        Log($"enrolling {missing.Count} agents …");
        Log(await SwarmProcess.EnrollAsync(hub.Gateway, state, tokenFile));
        File.Delete(tokenFile);
    }

    internal static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    internal static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
