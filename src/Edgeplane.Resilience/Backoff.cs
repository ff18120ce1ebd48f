namespace Edgeplane.Resilience;

/// <summary>
/// Exponential back-off with full jitter, the one back-off of Edgeplane. The ceiling of the wait after the n-th failure is
/// <see cref="Initial"/> × 2^(n−1), capped at <see cref="Max"/>; the wait itself is drawn uniformly from [0, ceiling)
/// ("full jitter"), so clients that failed together spread over the whole interval instead of returning in step.
/// Retry loops get it through Polly (<see cref="BackoffRetry"/>); loops that schedule their own next attempt (the agent's
/// redial, its reconcile retry timer) ask <see cref="Delay"/> directly.
/// </summary>
public sealed record Backoff
{
    /// <summary>A back-off starting at <paramref name="initial"/> and doubling up to <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either is negative.</exception>
    public Backoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, TimeSpan.Zero);
        Initial = initial;
        Max = max;
    }

    /// <summary>The ceiling after the first failure.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The highest ceiling.</summary>
    public TimeSpan Max { get; }

    /// <summary>The ceiling of the wait after failure number <paramref name="attempt"/> (1-based; larger numbers stay at <see cref="Max"/>).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doubled = Initial.Ticks * Math.Pow(2, Math.Min(attempt - 1, 62));
        return doubled < Max.Ticks ? TimeSpan.FromTicks((long)doubled) : Max;
    }

    /// <summary>
    /// The wait after failure number <paramref name="attempt"/>: <see cref="Ceiling"/> × a sample of
    /// <paramref name="random"/> (not thread-safe: callers that share one <see cref="Random"/> serialise the calls).
    /// </summary>
    public TimeSpan Delay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Ceiling(attempt) * random.NextDouble();
    }
}
