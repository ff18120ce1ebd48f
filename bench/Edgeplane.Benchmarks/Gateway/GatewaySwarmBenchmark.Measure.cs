using System.Diagnostics;


namespace Edgeplane.Benchmarks.Gateway;

public static partial class GatewaySwarmBenchmark
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Commits a change every edge bundle renders, sends the webhook, and times per agent the arrival of its new target
    /// digest (checked against the API's target digest of that cluster) from the webhook and from the revision's Applied.
    /// </summary>
    private static async Task<FanoutRound> FanoutAsync(SwarmHub hub, SwarmFleetRepo repo, SwarmProcess swarm)
    {
        var before = await hub.ClustersAsync();
        var sha = repo.CommitRound();
        var (webhookAt, appliedAt) = await hub.PushAsync(sha);
        var after = await hub.ClustersAsync();
        var expected = repo.Clusters.ToDictionary(c => c, c => after[c].Target.Digest ?? "", StringComparer.Ordinal);
        var unchanged = repo.Clusters.Count(c => expected[c] == before[c].Target.Digest || after[c].Target.Revision != sha);
        if (unchanged > 0)
        {
            throw new InvalidOperationException($"{unchanged} agent clusters did not get a new target from {sha}; the fan-out would not be measured for them");
        }
        var received = await AwaitTargetsAsync(swarm, expected);
        return new FanoutRound(sha, Seconds(webhookAt, appliedAt),
            Distribution.Of(received.Select(t => Seconds(appliedAt, t))), Distribution.Of(received.Select(t => Seconds(webhookAt, t))));
    }

    /// <summary>After connecting, every agent holds the target the API shows for its cluster.</summary>
    private static async Task CheckTargetsAsync(SwarmHub hub, SwarmProcess swarm, IReadOnlyList<string> clusters)
    {
        var api = await hub.ClustersAsync();
        await AwaitTargetsAsync(swarm, clusters.ToDictionary(c => c, c => api[c].Target.Digest ?? "", StringComparer.Ordinal));
    }

    /// <summary>Polls the swarm until every agent holds its expected digest; returns when each received it.</summary>
    private static async Task<List<long>> AwaitTargetsAsync(SwarmProcess swarm, Dictionary<string, string> expected)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var targets = (await swarm.SendAsync("targets")).GetProperty("targets");
            var received = new List<long>(expected.Count);
            var wrong = new List<string>();
            foreach (var (cluster, digest) in expected)
            {
                var held = targets.GetProperty(cluster);
                if (held[0].GetString() == digest)
                {
                    received.Add(held[1].GetInt64());
                }
                else
                {
                    wrong.Add(cluster);
                }
            }
            if (wrong.Count == 0)
            {
                return received;
            }
            if (Stopwatch.GetElapsedTime(started) > Guard)
            {
                throw new TimeoutException($"{wrong.Count} agents do not hold their target after {Guard}, e.g. {wrong[0]} wants {expected[wrong[0]]}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// One agent at a time (a fixed random sample) sends a status report; the API is polled for that cluster until it
    /// shows the report's sequence. Latency = send → the API answer that shows it.
    /// </summary>
    private static async Task<Distribution> ProbeStatusAsync(SwarmHub hub, SwarmProcess swarm, IReadOnlyList<string> clusters, int probes)
    {
        var random = new Random(42);
        var latencies = new List<double>(probes);
        for (var i = 0; i < probes; i++)
        {
            var cluster = clusters[random.Next(clusters.Count)];
            var probe = await swarm.SendAsync("probe " + cluster);
            var (sequence, sentAt) = (probe.GetProperty("sequence").GetInt64(), probe.GetProperty("sentAt").GetInt64());
            while (await hub.StatusSequenceAsync(cluster) < sequence)
            {
                if (Seconds(sentAt, Stopwatch.GetTimestamp()) > Guard.TotalSeconds)
                {
                    throw new TimeoutException($"status {sequence} of {cluster} not visible in the API after {Guard}");
                }
                await Task.Delay(2);
            }
            latencies.Add(Seconds(sentAt, Stopwatch.GetTimestamp()));
        }
        return Distribution.Of(latencies);
    }

    /// <summary>Drops every stream at once (see the swarm's storm), then checks at the API that every agent's last report is stored.</summary>
    private static async Task<StormResult> StormAsync(SwarmHub hub, SwarmProcess swarm, IReadOnlyList<string> clusters)
    {
        var (hubCpu, swarmCpu) = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, await SwarmCpuAsync(swarm));
        var storm = await swarm.SendAsync("storm");
        (hubCpu, swarmCpu) = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - hubCpu, await SwarmCpuAsync(swarm) - swarmCpu);
        var seqs = (await swarm.SendAsync("seqs")).GetProperty("seqs");
        var api = await hub.ClustersAsync();
        var lost = clusters.Count(c => api[c].Connection.LastStatusSequence != seqs.GetProperty(c).GetInt64());
        return new StormResult(storm.GetProperty("reconnected").GetInt32(), storm.GetProperty("reestablishedSeconds").GetDouble(),
            storm.GetProperty("allAckedSeconds").GetDouble(), storm.GetProperty("attempts").GetInt32(), storm.GetProperty("overloaded").GetInt32(),
            lost, clusters.Count, hubCpu, swarmCpu);
    }

    private static async Task<double> SwarmCpuAsync(SwarmProcess swarm) => (await swarm.SendAsync("rss")).GetProperty("cpuSeconds").GetDouble();

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

}
