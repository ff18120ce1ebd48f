using System.Diagnostics;
using System.Globalization;
using Edgeplane.Hub;

namespace Edgeplane.Benchmarks.Gateway;

/// <summary>
/// The agent gateway at fleet scale: a real hub in this process and N simulated agents (bench/Edgeplane.AgentSwarm) in
/// another, over real mTLS with certificates enrolled through the hub's Enroll RPC with real bootstrap tokens. Per
/// run: fan-out of a commit to every agent, hub memory per connected agent, status report → visible in the API, and a
/// reconnect storm with every report checked at the hub.
/// Usage: <c>gateway-swarm [--agents 1000,10000] [--runs 3] [--rounds 3] [--storms 1] [--probes 100]
/// [--handshake-rate R] [--handshake-burst B] [--handshake-concurrency N] [--connect-rate R] [--connect-burst B] [--work /tmp/edgeplane-bench-swarm] [--out bench/results]</c>;
/// the admission settings are the hub's GatewayOptions (defaults when not given).
/// </summary>
public static partial class GatewaySwarmBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var scales = (options.Get("--agents") ?? "1000,10000").Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
        var defaults = new Edgeplane.Hub.GatewayOptions();
        var gateway = defaults with
        {
            HandshakeRate = options.Int("--handshake-rate", (int)defaults.HandshakeRate), HandshakeBurst = options.Int("--handshake-burst", defaults.HandshakeBurst),
            ConnectRate = options.Int("--connect-rate", (int)defaults.ConnectRate), ConnectBurst = options.Int("--connect-burst", defaults.ConnectBurst),
            MaxConcurrentHandshakes = options.Int("--handshake-concurrency", defaults.MaxConcurrentHandshakes),
        };
        var settings = new SwarmSettings(options.Int("--runs", 3), options.Int("--rounds", 3), options.Int("--storms", 1), options.Int("--probes", 100),
            gateway.HandshakeRate, gateway.HandshakeBurst, gateway.ConnectRate, gateway.ConnectBurst, gateway.MaxConcurrentHandshakes);
        var work = options.Get("--work") ?? Path.Combine(Path.GetTempPath(), "edgeplane-bench-swarm");
        var output = options.Get("--out") ?? BenchEnvironment.ResultsDirectory();
        SwarmProcess.Dll();
        Directory.CreateDirectory(output);
        var results = new List<SwarmScale>();
        foreach (var agents in scales)
        {
            // Results are rewritten after every run, so a long scale that is stopped early still leaves what it measured.
            results.Add(await MeasureScaleAsync(Path.Combine(work, agents.ToString(CultureInfo.InvariantCulture)), agents, settings,
                scale => WriteResultsAsync(output, settings, [.. results, scale])));
        }
        return 0;
    }

    private static async Task<SwarmScale> MeasureScaleAsync(string work, int agents, SwarmSettings settings, Func<SwarmScale, Task> written)
    {
        Directory.CreateDirectory(work);
        Log($"{agents} agents: fleet repo in {work}");
        using var repo = SwarmFleetRepo.Open(Path.Combine(BenchArgs.RepoRoot(), "examples", "fleet"), Path.Combine(work, "repo"), agents);
        var clustersFile = Path.Combine(work, "clusters.txt");
        await File.WriteAllLinesAsync(clustersFile, repo.Clusters);
        double? enrolSeconds = null;
        int? clusterCount = null;
        var runs = new List<SwarmRun>();
        SwarmScale? scale = null;
        for (var run = 1; run <= settings.Runs; run++)
        {
            await using var hub = await SwarmHub.StartAsync(repo.Path, Path.Combine(work, "hub-data"), Path.Combine(work, "admin-token"), settings.Gateway);
            var load = LoadAverage();
            await hub.PushAsync(repo.CommitRound()); // every cluster has a target before the agents come
            clusterCount ??= (await hub.ClustersAsync()).Count;
            enrolSeconds ??= await EnrolMissingAsync(hub, work, repo.Clusters);
            runs.Add(await MeasureRunAsync(hub, repo, work, clustersFile, run, settings, load));
            scale = new SwarmScale(agents, clusterCount ?? 0, enrolSeconds, [.. runs]);
            await written(scale);
        }
        return scale ?? throw new ArgumentException("--runs must be at least 1");
    }

    /// <summary>Enrols every agent without a stored certificate; null when all were cached.</summary>
    private static async Task<double?> EnrolMissingAsync(SwarmHub hub, string work, IReadOnlyList<string> clusters)
    {
        var state = Path.Combine(work, "agents");
        var missing = clusters.Where(c => !File.Exists(Path.Combine(state, c, "identity", "agent.pem"))).ToList();
        if (missing.Count == 0)
        {
            return null;
        }
        Log($"creating {missing.Count} bootstrap tokens through the REST API …");
        var started = Stopwatch.GetTimestamp();
        var tokens = new string[missing.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, missing.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => tokens[i] = $"{missing[i]} {await hub.CreateTokenAsync(missing[i])}");
        var tokenFile = Path.Combine(work, "tokens.txt");
        await File.WriteAllLinesAsync(tokenFile, tokens);
        Log($"enrolling {missing.Count} agents (Discover, pin, CSR, Enroll) …");
        Log(await SwarmProcess.EnrollAsync(hub.Gateway, state, tokenFile));
        File.Delete(tokenFile);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<SwarmRun> MeasureRunAsync(SwarmHub hub, SwarmFleetRepo repo, string work, string clustersFile, int run,
        SwarmSettings settings, string loadStart)
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idle = await HubMemory.MeasureAsync();
        var (swarm, ready) = await SwarmProcess.StartAsync(hub.Gateway, Path.Combine(work, "agents"), clustersFile);
        await using (swarm)
        {
            if (ready.GetProperty("frequency").GetInt64() != Stopwatch.Frequency)
            {
                throw new InvalidOperationException("the swarm's Stopwatch frequency differs from the hub's; timestamps are not comparable");
            }
            var connect = await swarm.SendAsync("connect");
            Log($"run {run}: {connect}");
            RequireAll(connect.GetProperty("connected").GetInt32(), repo.Clusters.Count, "connect");
            await CheckTargetsAsync(hub, swarm, repo.Clusters);
            Log($"run {run}: status from every agent: {await swarm.SendAsync("report-all")}");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var connected = await HubMemory.MeasureAsync();
            var n = repo.Clusters.Count;
            Log($"run {run}: hub RSS {idle.RssBytes / 1048576.0:F0} → {connected.RssBytes / 1048576.0:F0} MiB, managed {idle.ManagedBytes / 1048576.0:F0} → {connected.ManagedBytes / 1048576.0:F0} MiB");
            var rounds = new List<FanoutRound>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                rounds.Add(await FanoutAsync(hub, repo, swarm));
                Log($"run {run}: fan-out {rounds[^1]}");
            }
            var status = await ProbeStatusAsync(hub, swarm, repo.Clusters, settings.Probes);
            Log($"run {run}: status → API {status}");
            var storms = new List<StormResult>();
            for (var storm = 0; storm < settings.Storms; storm++)
            {
                storms.Add(await StormAsync(hub, swarm, repo.Clusters));
                Log($"run {run}: storm {storms[^1]}");
            }
            var swarmRss = (await swarm.SendAsync("rss")).GetProperty("rssBytes").GetInt64();
            return new SwarmRun(run, connect.GetProperty("seconds").GetDouble(), connect.GetProperty("attempts").GetInt32(),
                connect.GetProperty("overloaded").GetInt32(), idle, connected, (connected.RssBytes - idle.RssBytes) / (double)n,
                (connected.ManagedBytes - idle.ManagedBytes) / (double)n, swarmRss, rounds, status, storms, loadStart, LoadAverage());
        }
    }

    private static void RequireAll(int got, int want, string what)
    {
        if (got != want)
        {
            throw new InvalidOperationException($"{what}: only {got} of {want} agents made it within the guard");
        }
    }

    internal static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    internal static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    /// <summary>How much is measured, and the hub's admission settings (GatewayOptions; defaults unless given).</summary>
    internal sealed record SwarmSettings(int Runs, int Rounds, int Storms, int Probes, double HandshakeRate, int HandshakeBurst, double ConnectRate, int ConnectBurst,
        int HandshakeConcurrency)
    {
        public Edgeplane.Hub.GatewayOptions Gateway => new()
        {
            HandshakeRate = HandshakeRate, HandshakeBurst = HandshakeBurst, ConnectRate = ConnectRate, ConnectBurst = ConnectBurst,
            MaxConcurrentHandshakes = HandshakeConcurrency,
            // The whole swarm enrols from one address (127.0.0.1): the per-address enrolment rate is not what is measured.
            EnrollRate = 1_000_000, EnrollBurst = 1_000_000,
        };
    }
}
