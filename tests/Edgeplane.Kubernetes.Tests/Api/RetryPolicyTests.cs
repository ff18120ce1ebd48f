using Edgeplane.Kubernetes.Api;

namespace Edgeplane.Kubernetes.Tests.Api;

public sealed class RetryPolicyTests
{
    private static readonly RetryOptions Options = new() { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8), MaxRetryAfter = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData(1, 0.5, 1.0)]
    [InlineData(2, 1.0, 2.0)]
    [InlineData(4, 4.0, 8.0)]
    [InlineData(10, 4.0, 8.0)]
    public void DelayFor_NoRetryAfter_ExponentialWithJitterWithinBounds(int attempt, double minSeconds, double maxSeconds)
    {
        var policy = new RetryPolicy(Options, TimeProvider.System, new Random(attempt));

        var (delay, fromRetryAfter) = policy.DelayFor(Failure(503, null), attempt);

        Assert.False(fromRetryAfter);
        Assert.InRange(delay.TotalSeconds, minSeconds, maxSeconds);
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(120, 30)]
    public void DelayFor_RetryAfter_HonouredUpToTheCap(int retryAfterSeconds, int expectedSeconds)
    {
        var policy = new RetryPolicy(Options, TimeProvider.System, new Random(1));

        var (delay, fromRetryAfter) = policy.DelayFor(Failure(429, TimeSpan.FromSeconds(retryAfterSeconds)), 1);

        Assert.True(fromRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
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
