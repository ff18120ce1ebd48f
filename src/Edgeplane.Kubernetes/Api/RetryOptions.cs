namespace Edgeplane.Kubernetes.Api;

/// <summary>
/// How transient API failures (429, 500, 502, 503, 504, timeouts, lost connections, optimistic-concurrency 409s)
/// are retried: exponential back-off with jitter, or exactly the server's Retry-After when it sends one.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Attempts per call including the first; 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Back-off before the second attempt; doubles per attempt up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest back-off between two attempts (before jitter).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest Retry-After honoured; a server asking for more is waited on for this long.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Called before each wait, after the wait's timer has started (so a test driving a fake clock can advance it
    /// from here). For metrics and tests; must not throw.
    /// </summary>
    public Action<RetryAttempt>? OnRetry { get; init; }
}
