using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Resilience.Tests;

public sealed class BackoffRetryTests
{
    private static readonly Backoff Standard = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Execute_TransientFailures_RetriedAfterFullJitterWaitsOnTheClock()
    {
        var attempts = new List<BackoffAttempt>();
        var calls = new List<DateTimeOffset>();
        var pipeline = BackoffRetry.Pipeline(Standard, new BackoffRetryOptions
        {
            ShouldRetry = e => e is TimeoutException,
            OnRetry = a => { attempts.Add(a); _time.Advance(a.Delay); },
        }, _time, new FixedRandom(0.5));

        var result = await pipeline.ExecuteAsync(_ =>
        {
            calls.Add(_time.GetUtcNow());
            return calls.Count < 5 ? throw new TimeoutException($"call {calls.Count}") : ValueTask.FromResult("done");
        });

        Assert.Equal("done", result);
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
        Assert.Equal(["call 1", "call 2", "call 3", "call 4"], attempts.Select(a => a.Failure.Message));
        Assert.Equal([0.5, 1, 2, 4], attempts.Select(a => a.Delay.TotalSeconds));
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5], calls.Select(c => (c - calls[0]).TotalSeconds));
    }

    [Fact]
    public async Task Execute_FailureNotToRetry_ThrownAtOnceWithoutWaiting()
    {
        var retries = 0;
        var calls = 0;
        var pipeline = BackoffRetry.Pipeline(Standard, new BackoffRetryOptions
        {
            ShouldRetry = e => e is TimeoutException,
            OnRetry = _ => retries++,
        }, _time, new FixedRandom(0.5));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await pipeline.ExecuteAsync(_ => { calls++; throw new InvalidOperationException("refused"); }));

        Assert.Equal("refused", e.Message);
        Assert.Equal((1, 0), (calls, retries));
    }

    [Fact]
    public async Task Execute_FailsEveryAttempt_LastFailureThrownAfterMaxAttempts()
    {
        var calls = 0;
        var pipeline = BackoffRetry.Pipeline(Standard, new BackoffRetryOptions
        {
            MaxAttempts = 3,
            ShouldRetry = _ => true,
            OnRetry = a => _time.Advance(a.Delay),
        }, _time, new FixedRandom(0.5));

        var e = await Assert.ThrowsAsync<TimeoutException>(async () =>
            await pipeline.ExecuteAsync(_ => { calls++; throw new TimeoutException($"call {calls}"); }));

        Assert.Equal("call 3", e.Message);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Execute_AdjustedDelay_WaitsExactlyThatLong()
    {
        BackoffAttempt? seen = null;
        var retried = new TaskCompletionSource<BackoffAttempt>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var pipeline = BackoffRetry.Pipeline(Standard, new BackoffRetryOptions
        {
            ShouldRetry = _ => true,
            AdjustDelay = (failure, backoff) => failure.Message == "slow down" ? TimeSpan.FromSeconds(30) : backoff,
            OnRetry = a => { seen = a; retried.TrySetResult(a); },
        }, _time, new FixedRandom(0.5));

        var call = pipeline.ExecuteAsync(_ => ++calls == 1 ? throw new TimeoutException("slow down") : ValueTask.FromResult(calls)).AsTask();
        await retried.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(29.9));
        Assert.False(call.IsCompleted);
        Assert.Equal(1, calls);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(2, await call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), seen!.Delay);
    }

    [Fact]
    public async Task Execute_CancelledDuringTheWait_ThrowsCancelledAndCallsNoMore()
    {
        using var cts = new CancellationTokenSource();
        var calls = 0;
        var pipeline = BackoffRetry.Pipeline(Standard, new BackoffRetryOptions
        {
            ShouldRetry = _ => true,
            OnRetry = _ => cts.Cancel(),
        }, _time, new FixedRandom(0.5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await pipeline.ExecuteAsync(_ => { calls++; throw new TimeoutException("down"); }, cts.Token));

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Pipeline_NoAttempts_RefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BackoffRetry.Pipeline(Standard, new BackoffRetryOptions { MaxAttempts = 0, ShouldRetry = _ => true }, _time, new Random(1)));

        Assert.Contains("MaxAttempts", e.ParamName, StringComparison.Ordinal);
    }
}
