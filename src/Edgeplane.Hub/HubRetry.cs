using Polly;
using Polly.Retry;

namespace Edgeplane.Hub;

/// <summary>
/// The back-off of the hub's retry loops (revision processing, the PostgreSQL LISTEN connection), through Polly:
/// exponential with full jitter. The ceiling of the wait after the n-th failure in a row is <c>initial × 2^(n−1)</c>,
/// capped at <c>max</c>; the wait itself is drawn uniformly from [0, ceiling), so replicas that failed together do not
/// come back in step. Waits run on the given <see cref="TimeProvider"/>, so a fake clock drives them in tests.
/// </summary>
internal static class HubRetry
{
    /// <summary>
    /// A pipeline that retries, without limit, every failure <paramref name="shouldRetry"/> accepts (never one after
    /// cancellation), telling <paramref name="onRetry"/> the failure and the wait first. Each execution counts its
    /// failures from one again.
    /// </summary>
    public static ResiliencePipeline Forever(TimeSpan initial, TimeSpan max, Func<Exception, bool> shouldRetry,
        Action<Exception, TimeSpan> onRetry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(shouldRetry);
        ArgumentNullException.ThrowIfNull(onRetry);
        ArgumentNullException.ThrowIfNull(time);
        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } failure
                && !args.Context.CancellationToken.IsCancellationRequested && shouldRetry(failure)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(FullJitter(args.AttemptNumber + 1, initial, max)),
            OnRetry = args =>
            {
                onRetry(args.Outcome.Exception!, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    /// <summary>The ceiling of the wait after failure number <paramref name="failure"/> (1-based).</summary>
    public static TimeSpan Ceiling(int failure, TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failure, 1);
        var doubled = initial.Ticks * Math.Pow(2, Math.Min(failure - 1, 62));
        return doubled < max.Ticks ? TimeSpan.FromTicks((long)doubled) : max;
    }

    /// <summary>A wait drawn uniformly from [0, <see cref="Ceiling"/>).</summary>
    public static TimeSpan FullJitter(int failure, TimeSpan initial, TimeSpan max) =>
        Ceiling(failure, initial, max) * Random.Shared.NextDouble();
}
