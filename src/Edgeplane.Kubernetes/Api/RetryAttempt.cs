namespace Edgeplane.Kubernetes.Api;

/// <summary>One retry about to happen: which call failed how, and how long the engine waits before trying again.</summary>
/// <param name="Failure">How the attempt failed.</param>
/// <param name="Attempt">The attempt that failed (1 = the first call).</param>
/// <param name="Delay">The wait before the next attempt.</param>
/// <param name="FromRetryAfter">True when <paramref name="Delay"/> is the server's Retry-After.</param>
public sealed record RetryAttempt(KubeApiException Failure, int Attempt, TimeSpan Delay, bool FromRetryAfter);
