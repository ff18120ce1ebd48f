using Edgeplane.Resilience;
using Polly;

namespace Edgeplane.Kubernetes.Api;

/// <summary>
/// Retries transient failures of one API call through Polly with the shared <see cref="Backoff"/> (exponential, full
/// jitter, <see cref="RetryOptions.BaseDelay"/> doubling up to <see cref="RetryOptions.MaxDelay"/>), so many agents
/// hitting one API server after an outage spread out; a Retry-After from the server wins over it.
/// </summary>
internal sealed class RetryPolicy
{
    private readonly ResiliencePipeline _pipeline;

    public RetryPolicy(RetryOptions options, TimeProvider time, Random random)
    {
        _pipeline = BackoffRetry.Pipeline(new Backoff(options.BaseDelay, options.MaxDelay), new BackoffRetryOptions
        {
            MaxAttempts = Math.Max(1, options.MaxAttempts),
            ShouldRetry = e => e is KubeApiException api && IsTransient(api),
            AdjustDelay = (e, backoff) => RetryAfter((KubeApiException)e, options) ?? backoff,
            OnRetry = a => options.OnRetry?.Invoke(new RetryAttempt((KubeApiException)a.Failure, a.Attempt, a.Delay,
                RetryAfter((KubeApiException)a.Failure, options) is not null)),
        }, time, random);
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(static async (call, token) => await call(token).ConfigureAwait(false), call, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Failures that another attempt may cure. A field-manager conflict or a validation error never is.</summary>
    public static bool IsTransient(KubeApiException ex) => ex.StatusCode switch
    {
        0 => ex.Reason is KubeApiException.Reasons.Timeout or KubeApiException.Reasons.Unreachable,
        409 => !ex.IsFieldManagerConflict && ex.Reason != "AlreadyExists",
        429 or 500 or 502 or 503 or 504 => true,
        _ => false,
    };

    /// <summary>The server's Retry-After, honoured up to <see cref="RetryOptions.MaxRetryAfter"/>; null when it sent none.</summary>
    private static TimeSpan? RetryAfter(KubeApiException ex, RetryOptions options) =>
        ex.RetryAfter is { } retryAfter && retryAfter >= TimeSpan.Zero
            ? (retryAfter < options.MaxRetryAfter ? retryAfter : options.MaxRetryAfter)
            : null;
}
