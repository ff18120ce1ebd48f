namespace Edgeplane.Resilience;

/// <summary>What a <see cref="BackoffRetry"/> pipeline retries, how often, and who is told.</summary>
public sealed record BackoffRetryOptions
{
    /// <summary>Attempts including the first (default: no limit); 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = int.MaxValue;

    /// <summary>True for a failure another attempt may cure; anything else is thrown at once. Never asked after cancellation.</summary>
    public required Func<Exception, bool> ShouldRetry { get; init; }

    /// <summary>
    /// Replaces the back-off's wait for a failure (e.g. the server's Retry-After, or a cap at a deadline): called with
    /// the failure and the back-off's wait. Null keeps the back-off's wait.
    /// </summary>
    public Func<Exception, TimeSpan, TimeSpan>? AdjustDelay { get; init; }

    /// <summary>
    /// Called before each wait, once its timer is running (so whoever reacts, e.g. by advancing a fake clock, cannot miss
    /// it). For conditions, logs, metrics and tests; must not throw.
    /// </summary>
    public Action<BackoffAttempt>? OnRetry { get; init; }
}
