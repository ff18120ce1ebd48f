using Edgeplane.Kubernetes.Api;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Kubernetes.Tests.Api;

public sealed class RetryPolicyTests
{
    private static readonly RetryOptions Options = new() { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8), MaxRetryAfter = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Execute_NoRetryAfter_FullJitterUnderTheDoublingCeiling()
    {
        // 1 s doubling to 8 s; each wait is the ceiling times a sample of the Random (replayed here with the same seed).
        var time = new FakeTimeProvider();
        var attempts = new List<RetryAttempt>();
        var policy = new RetryPolicy(Options with { MaxAttempts = 6, OnRetry = a => { attempts.Add(a); time.Advance(a.Delay); } }, time, new Random(5));
        var calls = 0;

        var result = await policy.ExecuteAsync(_ => ++calls < 6 ? throw Failure(503, null) : Task.FromResult(calls), default);

        var samples = new Random(5);
        Assert.Equal(6, result);
        Assert.Equal([1, 2, 3, 4, 5], attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.False(a.FromRetryAfter));
        Assert.Equal(new[] { 1, 2, 4, 8, 8 }.Select(s => TimeSpan.FromSeconds(s) * samples.NextDouble()), attempts.Select(a => a.Delay));
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(120, 30)]
    public async Task Execute_RetryAfter_HonouredUpToTheCap(int retryAfterSeconds, int expectedSeconds)
    {
        var time = new FakeTimeProvider();
        var attempts = new List<RetryAttempt>();
        var policy = new RetryPolicy(Options with { OnRetry = a => { attempts.Add(a); time.Advance(a.Delay); } }, time, new Random(1));
        var calls = 0;

        await policy.ExecuteAsync(_ => ++calls == 1 ? throw Failure(429, TimeSpan.FromSeconds(retryAfterSeconds)) : Task.FromResult(calls), default);

        var attempt = Assert.Single(attempts);
        Assert.True(attempt.FromRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), attempt.Delay);
    }

    [Fact]
    public async Task Execute_NotTransient_ThrownAtOnceWithoutRetry()
    {
        var attempts = new List<RetryAttempt>();
        var policy = new RetryPolicy(Options with { OnRetry = attempts.Add }, new FakeTimeProvider(), new Random(1));
        var calls = 0;

        var e = await Assert.ThrowsAsync<KubeApiException>(() => policy.ExecuteAsync<int>(_ => { calls++; throw Failure(422, null); }, default));

        Assert.Equal(422, e.StatusCode);
        Assert.Equal(1, calls);
        Assert.Empty(attempts);
    }

    [Theory]
    [InlineData(429, "TooManyRequests", false, true)]
    [InlineData(503, "ServiceUnavailable", false, true)]
    [InlineData(0, KubeApiException.Reasons.Timeout, false, true)]
    [InlineData(409, "Conflict", false, true)]
    [InlineData(409, "Conflict", true, false)]
    [InlineData(422, "Invalid", false, false)]
    [InlineData(404, "NotFound", false, false)]
    public void IsTransient_ByStatus_RetriesOnlyWhatMayHeal(int status, string reason, bool fieldManagerConflict, bool expected)
    {
        var ex = new KubeApiException("apply", null, status, reason, "x") { IsFieldManagerConflict = fieldManagerConflict };

        Assert.Equal(expected, RetryPolicy.IsTransient(ex));
    }

    private static KubeApiException Failure(int status, TimeSpan? retryAfter) => new("get", null, status, "x", "x", retryAfter: retryAfter);
}
