namespace Edgeplane.Kubernetes.Api;

/// <summary>
/// Retries transient failures of one API call. Back-off is exponential with "equal jitter" (half fixed, half random),
/// so many agents hitting one API server after an outage spread out; a Retry-After from the server wins over it.
/// </summary>
internal sealed class RetryPolicy(RetryOptions options, TimeProvider time, Random random)
{
    private readonly Lock _randomSync = new();

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (attempt < options.MaxAttempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                var (delay, fromRetryAfter) = DelayFor(ex, attempt);
                // Start the timer before telling anyone, so an observer advancing a fake clock cannot miss it.
                var wait = Task.Delay(delay, time, cancellationToken);
                options.OnRetry?.Invoke(new RetryAttempt(ex, attempt, delay, fromRetryAfter));
                await wait.ConfigureAwait(false);
            }
        }
    }

    /// <summary>Failures that another attempt may cure. A field-manager conflict or a validation error never is.</summary>
    public static bool IsTransient(KubeApiException ex) => ex.StatusCode switch
    {
        0 => ex.Reason is KubeApiException.Reasons.Timeout or KubeApiException.Reasons.Unreachable,
        409 => !ex.IsFieldManagerConflict && ex.Reason != "AlreadyExists",
        429 or 500 or 502 or 503 or 504 => true,
        _ => false,
    };

    internal (TimeSpan Delay, bool FromRetryAfter) DelayFor(KubeApiException ex, int attempt)
    {
        if (ex.RetryAfter is { } retryAfter && retryAfter >= TimeSpan.Zero)
        {
            return (retryAfter < options.MaxRetryAfter ? retryAfter : options.MaxRetryAfter, true);
        }
        var exponential = options.BaseDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = exponential < options.MaxDelay ? exponential : options.MaxDelay;
        double jitter;
        lock (_randomSync)
        {
            jitter = random.NextDouble();
        }
        return (capped / 2 + capped / 2 * jitter, false);
    }
}
