using System.Net;
using Edgeplane.Hub.Gateway.Admission;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>Per-peer token buckets on a fake clock: isolation between peers, refill, and the bound on memory.</summary>
public sealed class PeerRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryTake_BurstUsed_RefusedWithTheWaitForTheNextToken()
    {
        var limiter = new PeerRateLimiter(0.5, 3, 100, _time);

        var taken = Enumerable.Range(0, 3).Count(i => limiter.TryTake("cluster:a", out var unused));
        var refused = !limiter.TryTake("cluster:a", out var wait);

        Assert.Equal(3, taken);
        Assert.True(refused);
        Assert.Equal(TimeSpan.FromSeconds(2), wait);
    }

    [Fact]
    public void TryTake_OnePeerEmpty_AnotherPeerUnaffected()
    {
        var limiter = new PeerRateLimiter(1, 1, 100, _time);
        Assert.True(limiter.TryTake("cluster:a", out _));
        Assert.False(limiter.TryTake("cluster:a", out _));

        Assert.True(limiter.TryTake("cluster:b", out _));
    }

    [Fact]
    public void TryTake_ClockAdvancedByOneToken_AdmittedOnceMore()
    {
        var limiter = new PeerRateLimiter(1.0 / 60, 1, 100, _time);
        Assert.True(limiter.TryTake("cluster:a", out _));
        Assert.False(limiter.TryTake("cluster:a", out _));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(limiter.TryTake("cluster:a", out var wait));
        Assert.Equal(1, wait.TotalSeconds, 3);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(limiter.TryTake("cluster:a", out _));
        Assert.False(limiter.TryTake("cluster:a", out _));
    }

    [Fact]
    public void TryTake_MorePeersThanTracked_NewPeersShareOneBucketAndTrackedPeersKeepTheirs()
    {
        var limiter = new PeerRateLimiter(1, 2, 2, _time);
        Assert.True(limiter.TryTake("ip:10.0.0.1", out _));
        Assert.True(limiter.TryTake("ip:10.0.0.2", out _));

        // Table full and nothing refilled: new peers share the overflow bucket (burst 2 for all of them).
        Assert.True(limiter.TryTake("ip:10.0.0.3", out _));
        Assert.True(limiter.TryTake("ip:10.0.0.4", out _));
        Assert.False(limiter.TryTake("ip:10.0.0.5", out _));
        Assert.Equal(2, limiter.TrackedPeers);
        Assert.True(limiter.TryTake("ip:10.0.0.1", out _));
    }

    [Fact]
    public void TryTake_TrackedBucketsRefilled_ForgottenToMakeRoom()
    {
        var limiter = new PeerRateLimiter(1, 1, 2, _time);
        Assert.True(limiter.TryTake("ip:10.0.0.1", out _));
        Assert.True(limiter.TryTake("ip:10.0.0.2", out _));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(limiter.TryTake("ip:10.0.0.3", out _));
        Assert.False(limiter.TryTake("ip:10.0.0.3", out _));
        Assert.Equal(1, limiter.TrackedPeers);
    }

    [Theory]
    [InlineData("10.1.2.3", "ip:10.1.2.3")]
    [InlineData("::ffff:10.1.2.3", "ip:10.1.2.3")]
    [InlineData("2001:db8:1:2:3:4:5:6", "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "ip:2001:db8:1:2::/64")]
    [InlineData("::1", "ip:::/64")]
    public void Key_Address_IPv4AsIsAndIPv6ByItsSlash64(string address, string key) =>
        Assert.Equal(key, PeerAddress.Key(IPAddress.Parse(address)));

    [Fact]
    public void Key_NoAddress_Unknown() => Assert.Equal("ip:unknown", PeerAddress.Key(null));
}
