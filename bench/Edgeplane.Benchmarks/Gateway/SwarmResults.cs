namespace Edgeplane.Benchmarks.Gateway;

/// <summary>p50, p99 (nearest rank) and max of a set of latencies, in seconds.</summary>
internal sealed record Distribution(double P50, double P99, double Max, int Count)
{
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? new Distribution(double.NaN, double.NaN, double.NaN, 0)
            : new Distribution(Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1], sorted.Count);
    }

    private static double Rank(List<double> sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
}

/// <summary>One commit: webhook → revision Applied at the hub, then per agent the arrival of its new target digest.</summary>
internal sealed record FanoutRound(string Revision, double WebhookToAppliedSeconds, Distribution FromApplied, Distribution FromWebhook);

/// <summary>
/// Every stream dropped at once: seconds from the drop until the last agent had its Welcome again and until the last
/// buffered report was acknowledged; connect attempts, OVERLOADED refusals; agents whose last report the API does not show (must be 0);
/// CPU seconds the hub process and the swarm process used from the drop to the end.
/// </summary>
internal sealed record StormResult(int Reconnected, double ReestablishedSeconds, double AllAckedSeconds, int Attempts, int Overloaded,
    int LostReports, int AgentsChecked, double HubCpuSeconds, double SwarmCpuSeconds);

/// <summary>One hub lifetime with N agents.</summary>
internal sealed record SwarmRun(
    int Run,
    double ConnectSeconds,
    int ConnectAttempts,
    int ConnectOverloaded,
    HubMemory Idle,
    HubMemory Connected,
    double RssPerAgentBytes,
    double ManagedPerAgentBytes,
    long SwarmRssBytes,
    List<FanoutRound> Rounds,
    Distribution StatusVisible,
    List<StormResult> Storms,
    string LoadAverageStart,
    string LoadAverageEnd);

/// <summary>All runs at one scale.</summary>
internal sealed record SwarmScale(int Agents, int Clusters, double? EnrolSeconds, List<SwarmRun> Runs);
