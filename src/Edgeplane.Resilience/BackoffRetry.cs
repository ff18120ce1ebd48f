using Polly;
using Polly.Retry;

namespace Edgeplane.Resilience;

/// <summary>
/// Retry loops through Polly with a <see cref="Backoff"/>: a failure that <see cref="BackoffRetryOptions.ShouldRetry"/>
/// accepts is retried after the back-off's wait (or what <see cref="BackoffRetryOptions.AdjustDelay"/> makes of it), up
/// to <see cref="BackoffRetryOptions.MaxAttempts"/>; the last failure, or one not to retry, is thrown as it was. All
/// waits run on the given <see cref="TimeProvider"/>, so a fake clock drives them in tests.
/// </summary>
public static class BackoffRetry
{
    /// <summary>A pipeline retrying with <paramref name="backoff"/>; safe to share between concurrent calls.</summary>
    public static ResiliencePipeline Pipeline(Backoff backoff, BackoffRetryOptions options, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(backoff);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        var sync = new Lock();
        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxAttempts == int.MaxValue ? int.MaxValue : options.MaxAttempts - 1,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } failure
                && !args.Context.CancellationToken.IsCancellationRequested && options.ShouldRetry(failure)),
            // Polly tells OnRetry before it starts its own timer; the wait runs in OnRetry instead, timer first.
            DelayGenerator = static _ => ValueTask.FromResult<TimeSpan?>(TimeSpan.Zero),
            OnRetry = args =>
            {
                var failure = args.Outcome.Exception!;
                var attempt = args.AttemptNumber + 1;
                TimeSpan delay;
                lock (sync)
                {
                    delay = backoff.Delay(attempt, random);
                }
                delay = options.AdjustDelay?.Invoke(failure, delay) ?? delay;
                return new ValueTask(WaitAsync(new BackoffAttempt(failure, attempt, delay), options, time, args.Context.CancellationToken));
            },
        }).Build();
    }

    private static async Task WaitAsync(BackoffAttempt attempt, BackoffRetryOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var wait = Task.Delay(attempt.Delay > TimeSpan.Zero ? attempt.Delay : TimeSpan.Zero, time, cancellationToken);
        options.OnRetry?.Invoke(attempt);
        await wait.ConfigureAwait(false);
    }
}
