using System.Diagnostics;
using System.Text.Json;
using Edgeplane.Agent.Identity;

namespace Edgeplane.AgentSwarm;

/// <summary>
/// Loads every listed agent's stored identity and answers the driver's commands, one per stdin line, each with one
/// JSON line on stdout (progress goes to stderr). Commands: connect, report-all, targets, probe CLUSTER, degrade CLUSTER (a
/// report that makes it Degraded), storm, seqs,
/// rss (resident set and CPU time used), quit. Times in answers are <see cref="Stopwatch"/> timestamps or seconds.
/// </summary>
internal static class SwarmConsole
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(SwarmArgs options)
    {
        var clusters = File.ReadAllLines(options.Clusters ?? throw new ArgumentException("--clusters FILE is required"))
            .Where(l => l.Length > 0).ToList();
        var sequences = SequenceFile.Load(options.State);
        var agents = clusters.Select(c => new SimulatedAgent(c, new AgentIdentityFiles(options.AgentState(c)).Load()
            ?? throw new InvalidOperationException($"agent {c} has no stored identity under {options.AgentState(c)}; enrol it first"),
            options.Hub, sequences.GetValueOrDefault(c))).ToList();
        var byName = agents.ToDictionary(a => a.Cluster, StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var running = new List<Task>();
        Reply(new { ready = agents.Count, frequency = Stopwatch.Frequency });
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', 2);
            switch (parts[0])
            {
                case "connect":
                    var started = Stopwatch.GetTimestamp();
                    running.AddRange(agents.Select(a => Task.Run(() => a.RunAsync(stop.Token))));
                    var connected = await WaitAsync(agents, a => a.ConnectedAt != 0);
                    Reply(new { connected, seconds = Seconds(started, agents.Max(a => a.ConnectedAt)), attempts = agents.Sum(a => a.Attempts), overloaded = agents.Sum(a => a.Overloaded), errors = TakeErrors() });
                    break;
                case "report-all":
                    var sent = Stopwatch.GetTimestamp();
                    await Task.WhenAll(agents.Select(a => a.ReportAsync()));
                    var acked = await WaitAsync(agents, a => a.Acked == a.Sequence);
                    Reply(new { acked, seconds = Stopwatch.GetElapsedTime(sent).TotalSeconds });
                    break;
                case "targets":
                    Reply(new { targets = agents.ToDictionary(a => a.Cluster, a => new object[] { a.TargetDigest, a.TargetReceived }) });
                    break;
                case "probe":
                    var (sequence, sentAt) = await byName[parts[1]].ReportAsync();
                    Reply(new { sequence, sentAt });
                    break;
                case "degrade":
                    var (degradedSequence, degradedAt) = await byName[parts[1]].ReportAsync(degraded: true);
                    Reply(new { sequence = degradedSequence, sentAt = degradedAt });
                    break;
                case "storm":
                    Reply(await StormAsync(agents));
                    break;
                case "seqs":
                    Reply(new { seqs = agents.ToDictionary(a => a.Cluster, a => a.Sequence) });
                    break;
                case "rss":
                    Reply(new { rssBytes = Environment.WorkingSet, cpuSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds });
                    break;
                case "quit":
                    await stop.CancelAsync();
                    await Task.WhenAll(running);
                    SequenceFile.Save(options.State, agents.ToDictionary(a => a.Cluster, a => a.Sequence, StringComparer.Ordinal));
                    Reply(new { bye = true });
                    return 0;
                default:
                    Reply(new { error = $"unknown command '{parts[0]}'" });
                    break;
            }
        }
        return 0;
    }

    /// <summary>
    /// Every agent sends a report (in flight when the link breaks), every stream is dropped at once, every agent buffers
    /// another report while offline; then they reconnect (back-off, hub retry hints) and resend. Ends when every agent
    /// is connected again and its buffer is acknowledged.
    /// </summary>
    private static async Task<object> StormAsync(List<SimulatedAgent> agents)
    {
        var (attempts, overloaded) = (agents.Sum(a => a.Attempts), agents.Sum(a => a.Overloaded));
        await Task.WhenAll(agents.Select(a => a.ReportAsync()));
        var dropped = Stopwatch.GetTimestamp();
        foreach (var agent in agents)
        {
            agent.Drop();
        }
        await Task.WhenAll(agents.Select(a => a.ReportAsync()));
        var back = await WaitAsync(agents, a => a.ConnectedAt > dropped && a.Acked == a.Sequence);
        return new
        {
            reconnected = back,
            reestablishedSeconds = Seconds(dropped, agents.Max(a => a.ConnectedAt)),
            allAckedSeconds = Seconds(dropped, agents.Max(a => a.AllAckedAt)),
            attempts = agents.Sum(a => a.Attempts) - attempts,
            overloaded = agents.Sum(a => a.Overloaded) - overloaded,
            errors = TakeErrors(),
        };
    }

    /// <summary>Polls until every agent satisfies <paramref name="done"/> (or the guard passes); returns how many do.</summary>
    private static async Task<int> WaitAsync(List<SimulatedAgent> agents, Func<SimulatedAgent, bool> done)
    {
        var started = Stopwatch.GetTimestamp();
        var lastLog = started;
        while (true)
        {
            var count = agents.Count(done);
            if (count == agents.Count || Stopwatch.GetElapsedTime(started) > Guard)
            {
                return count;
            }
            if (Stopwatch.GetElapsedTime(lastLog) > TimeSpan.FromSeconds(5))
            {
                Console.Error.WriteLine($"swarm: {count}/{agents.Count} after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
                lastLog = Stopwatch.GetTimestamp();
            }
            await Task.Delay(20);
        }
    }

    private static Dictionary<string, int> TakeErrors()
    {
        var errors = SimulatedAgent.Errors.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        SimulatedAgent.Errors.Clear();
        foreach (var (error, count) in errors)
        {
            Console.Error.WriteLine($"swarm: {count} failed connection attempt(s): {error}");
        }
        return errors;
    }

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    private static void Reply(object answer) => Console.Out.WriteLine(JsonSerializer.Serialize(answer));
}
