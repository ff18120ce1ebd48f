using System.Diagnostics;
using Edgeplane.Agent.Identity;
using Edgeplane.Protocol.Identity;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgeplane.AgentSwarm;

/// <summary>
/// Enrols agents exactly as <c>edgeplane agent --token</c> does (<see cref="EnrollmentClient"/>: Discover, pin check,
/// own ECDSA key, CSR, Enroll), <see cref="SwarmArgs.Parallel"/> at a time, and stores each identity in its own state
/// folder so later runs reuse it. A call refused before the token was used (the hub's handshake admission) is retried.
/// </summary>
internal static class SwarmEnroller
{
    private const int MaxAttempts = 8;

    public static async Task<int> RunAsync(SwarmArgs options)
    {
        var lines = File.ReadAllLines(options.Tokens ?? throw new ArgumentException("--tokens FILE is required"))
            .Where(l => l.Length > 0).Select(l => l.Split(' ', 2)).ToList();
        var started = Stopwatch.GetTimestamp();
        var done = 0;
        await Parallel.ForEachAsync(lines, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (line, ct) =>
        {
            await EnrolAsync(options, line[0], BootstrapToken.Parse(line[1]), ct);
            if (Interlocked.Increment(ref done) % 1000 == 0)
            {
                Console.Error.WriteLine($"swarm: enrolled {done}/{lines.Count}");
            }
        });
        Console.WriteLine($"enrolled {lines.Count} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return 0;
    }

    private static async Task EnrolAsync(SwarmArgs options, string cluster, BootstrapToken token, CancellationToken ct)
    {
        var backoff = new Backoff();
        for (var attempt = 1; ; attempt++)
        {
            var files = new AgentIdentityFiles(options.AgentState(cluster));
            try
            {
                await new EnrollmentClient(files, TimeProvider.System, NullLogger<EnrollmentClient>.Instance, "swarm-1")
                    .EnrollAsync(options.Hub, token, ClusterId.Parse(cluster), ct);
                return;
            }
            catch (EnrollmentException e) when (e.StatusCode == StatusCode.Unavailable && attempt < MaxAttempts)
            {
                await Task.Delay(backoff.Next(), ct);
            }
        }
    }
}
