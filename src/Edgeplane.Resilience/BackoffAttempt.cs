namespace Edgeplane.Resilience;

/// <summary>A failed attempt that will be retried: the failure, its number (1-based) and the wait before the next one.</summary>
/// <param name="Failure">What the attempt threw.</param>
/// <param name="Attempt">Which attempt failed (1 = the first).</param>
/// <param name="Delay">The wait before the next attempt; its timer is already running.</param>
public sealed record BackoffAttempt(Exception Failure, int Attempt, TimeSpan Delay);
