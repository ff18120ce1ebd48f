using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Store;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>
/// The availability hysteresis on the tracker with a fake clock: heartbeat every 15 s, Degraded after 30 s down,
/// Offline after 90 s down, Online again after 30 s up, flapping = 3 losses in 5 minutes (the defaults).
/// </summary>
public sealed class AvailabilityTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly AvailabilityTracker _tracker;

    public AvailabilityTests() => _tracker = new AvailabilityTracker(new GatewayOptions(), _time);

    [Fact]
    public void FirstConnection_GoesOnlineAtOnce()
    {
        _tracker.Connected("site", "s1", "v1");

        Assert.Equal((AvailabilityState.Online, "Connected"), Evaluate("site"));
    }

    [Fact]
    public void OneMissedHeartbeat_ChangesNothing()
    {
        var link = OnlineLink();

        Run(link, TimeSpan.FromSeconds(29), heartbeats: false); // one heartbeat missed, the next not due yet

        Assert.Equal(AvailabilityState.Online, Evaluate("site").State);
        Assert.All(_states, s => Assert.Equal(AvailabilityState.Online, s));
    }

    [Fact]
    public void ShortDisconnect_ReconnectedWithinTheGrace_StaysOnline()
    {
        OnlineLink();

        _tracker.Disconnected(_tracker.Find("site")!, "s1", loss: true);
        Advance(TimeSpan.FromSeconds(10));
        var link = _tracker.Connected("site", "s2", "v1");
        Run(link, TimeSpan.FromMinutes(2), heartbeats: true);

        Assert.All(_states, s => Assert.Equal(AvailabilityState.Online, s));
    }

    [Fact]
    public void SustainedLoss_DegradedAfter30sThenOfflineAfter90s()
    {
        var link = OnlineLink();
        _tracker.Disconnected(link, "s1", loss: true);

        var degradedAt = AdvanceUntil(AvailabilityState.Degraded);
        var offlineAt = AdvanceUntil(AvailabilityState.Offline);

        Assert.Equal(TimeSpan.FromSeconds(30), degradedAt);
        Assert.Equal(TimeSpan.FromSeconds(90), degradedAt + offlineAt);
        Assert.Equal("Disconnected", link.Reason);
    }

    [Fact]
    public void SilentStream_CountsAsDownFromItsLastMessage()
    {
        OnlineLink();

        var degradedAt = AdvanceUntil(AvailabilityState.Degraded);
        var offlineAt = AdvanceUntil(AvailabilityState.Offline);

        // Silence is a loss once it exceeds two heartbeats; then the same grace periods count from the last message.
        Assert.Equal(TimeSpan.FromSeconds(31), degradedAt);
        Assert.Equal(TimeSpan.FromSeconds(90), degradedAt + offlineAt);
        Assert.Equal("HeartbeatsMissed", _tracker.Find("site")!.Reason);
    }

    [Fact]
    public void FlappingLink_StaysDegradedUntilItHoldsAndTheLossesAge()
    {
        var link = OnlineLink();
        for (var flap = 0; flap < 6; flap++)
        {
            _tracker.Disconnected(link, $"s{flap + 1}", loss: true);
            Advance(TimeSpan.FromSeconds(5));
            link = _tracker.Connected("site", $"s{flap + 2}", "v1");
            Run(link, TimeSpan.FromSeconds(40), heartbeats: true);
        }
        var whileFlapping = _states.SkipWhile(s => s == AvailabilityState.Online).ToList();

        var recovered = RunUntil(link, AvailabilityState.Online);

        Assert.NotEmpty(whileFlapping);
        Assert.All(whileFlapping, s => Assert.Equal(AvailabilityState.Degraded, s));
        Assert.DoesNotContain(AvailabilityState.Offline, _states);
        // Losses at 0, 45, …, 225 s; the loop ends at 270 s. It counts as flapping until fewer than 3 losses are left in
        // the 5-minute window: when the loss at 135 s ages out, at 435 s, 165 s after the loop.
        Assert.Equal(TimeSpan.FromSeconds(166), recovered);
    }

    [Fact]
    public void OfflineCluster_Reconnects_DegradedThenOnlineAfter30sUp()
    {
        var link = OnlineLink();
        _tracker.Disconnected(link, "s1", loss: true);
        AdvanceUntil(AvailabilityState.Offline);

        link = _tracker.Connected("site", "s2", "v1");
        Assert.Equal((AvailabilityState.Degraded, "Reconnected"), Evaluate("site"));
        var onlineAfter = RunUntil(link, AvailabilityState.Online);

        Assert.Equal(TimeSpan.FromSeconds(30), onlineAfter);
        Assert.Equal("LinkStable", link.Reason);
    }

    [Fact]
    public void FailingHealth_DegradedWhileItFails()
    {
        var link = OnlineLink();
        Run(link, TimeSpan.FromMinutes(1), heartbeats: true);

        link.ReportHealth(true);
        var failing = Evaluate("site");
        link.ReportHealth(false);
        var healed = Evaluate("site");

        Assert.Equal((AvailabilityState.Degraded, "HealthFailing"), failing);
        Assert.Equal((AvailabilityState.Online, "LinkStable"), healed); // the link itself stayed up the whole time
    }

    [Fact]
    public void Collect_OnlyChangedStatesAndOneClaimPerConnect()
    {
        _tracker.Connected("a", "s1", "v1");
        _tracker.Connected("b", "s2", "v1");

        var (claims, changes) = _tracker.Collect(_time.GetUtcNow());
        _tracker.MarkStored(changes, []);
        var (againClaims, againChanges) = _tracker.Collect(_time.GetUtcNow());

        Assert.Equal(["a", "b"], claims.Select(c => c.Cluster).Order());
        Assert.Equal([("a", "Online"), ("b", "Online")], changes.Select(c => (c.Cluster, c.Availability)).Order());
        Assert.Empty(againClaims);
        Assert.Empty(againChanges);
    }

    [Fact]
    public void Rules_AreAPureFunctionOfTheSnapshot()
    {
        var now = _time.GetUtcNow();
        var options = new GatewayOptions();
        var down40s = new LinkSnapshot(AvailabilityState.Online, "Connected", false, now.AddSeconds(-40), null, now.AddSeconds(-40), 1, false);

        Assert.Equal((AvailabilityState.Degraded, "LinkDown"), AvailabilityRules.Evaluate(down40s, now, options));
        Assert.Equal((AvailabilityState.Offline, "Disconnected"), AvailabilityRules.Evaluate(down40s, now.AddSeconds(60), options));
        Assert.Equal((AvailabilityState.Offline, "NeverConnected"),
            AvailabilityRules.Evaluate(new LinkSnapshot(null, null, false, now, null, now, 0, false), now, options));
        var unknownDown = new LinkSnapshot(AvailabilityState.Unknown, "HubRestarted", false, now.AddSeconds(-40), null, now.AddSeconds(-40), 0, false);
        Assert.Equal((AvailabilityState.Unknown, "HubRestarted"), AvailabilityRules.Evaluate(unknownDown, now, options));
        Assert.Equal((AvailabilityState.Offline, "Disconnected"), AvailabilityRules.Evaluate(unknownDown, now.AddSeconds(50), options));
        var unknownUp = new LinkSnapshot(AvailabilityState.Unknown, "HubRestarted", true, now, now, null, 0, false);
        Assert.Equal((AvailabilityState.Online, "Connected"), AvailabilityRules.Evaluate(unknownUp, now, options));
    }

    [Fact]
    public void UnknownAfterARestart_StaysUnknownWhileDown_OfflineAfter90s()
    {
        LoadUnknown();

        var offlineAt = AdvanceUntil(AvailabilityState.Offline);
        var (claims, changes) = _tracker.Collect(_time.GetUtcNow().AddSeconds(-1)); // nothing new: the change was found already

        Assert.Equal(TimeSpan.FromSeconds(90), offlineAt);
        Assert.All(_states.SkipLast(1), s => Assert.Equal(AvailabilityState.Unknown, s));
        Assert.Equal("Disconnected", _tracker.Find("site")!.Reason);
        Assert.Empty(claims);
        Assert.Equal([("site", "old-session", "Offline")], changes.Select(c => (c.Cluster, c.Session, c.Availability)));
    }

    [Fact]
    public void UnknownAfterARestart_AgentBack_OnlineAtOnceLikeAFirstConnection()
    {
        LoadUnknown();
        Advance(TimeSpan.FromSeconds(10));

        _tracker.Connected("site", "s2", "v1");
        var (claims, changes) = _tracker.Collect(_time.GetUtcNow());

        Assert.All(_states, s => Assert.Equal(AvailabilityState.Unknown, s));
        Assert.Equal((AvailabilityState.Online, "Connected"), (_tracker.Find("site")!.State, _tracker.Find("site")!.Reason));
        Assert.Equal([("site", "s2")], claims.Select(c => (c.Cluster, c.Session)));
        Assert.Equal([("site", "s2", "Online", "Connected")], changes.Select(c => (c.Cluster, c.Session, c.Availability, c.Reason)));
    }

    [Fact]
    public void Reassert_NextCollectWritesEveryStateAgain()
    {
        _tracker.Connected("a", "s1", "v1");
        _tracker.Connected("b", "s2", "v1");
        var (_, first) = _tracker.Collect(_time.GetUtcNow());
        _tracker.MarkStored(first, []);

        _tracker.Reassert();
        var (claims, again) = _tracker.Collect(_time.GetUtcNow());

        Assert.Empty(claims);
        Assert.Equal([("a", "s1", "Online"), ("b", "s2", "Online")], again.Select(c => (c.Cluster, c.Session, c.Availability)).Order());
    }

    [Theory]
    [InlineData(29, "InstanceLeaseTimeout is 00:00:29; it must be between 00:00:30 and 1.00:00:00")]
    [InlineData(86_401, "InstanceLeaseTimeout is 1.00:00:01; it must be between 00:00:30 and 1.00:00:00")]
    public void Validate_LeaseShorterThanTwoHeartbeatsOrOverADay_Refused(int seconds, string expected)
    {
        var options = new GatewayOptions { InstanceLeaseTimeout = TimeSpan.FromSeconds(seconds) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LeaseTimeout_DefaultsToThreeHeartbeats()
    {
        Assert.Equal(TimeSpan.FromSeconds(45), new GatewayOptions().InstanceLeaseTimeout);
        Assert.Equal(TimeSpan.FromMinutes(3), new GatewayOptions { HeartbeatInterval = TimeSpan.FromMinutes(1) }.InstanceLeaseTimeout);
    }

    private void LoadUnknown() => _tracker.Load(
        [new StoredAvailability("site", "Unknown", _time.GetUtcNow().UtcDateTime, "HubRestarted", "old-session", null)], _time.GetUtcNow());

    private readonly List<AvailabilityState> _states = [];

    private ClusterLink OnlineLink()
    {
        var link = _tracker.Connected("site", "s1", "v1");
        Assert.Equal(AvailabilityState.Online, Evaluate("site").State);
        return link;
    }

    private (AvailabilityState State, string Reason) Evaluate(string cluster)
    {
        _tracker.Collect(_time.GetUtcNow());
        var link = _tracker.Find(cluster)!;
        _states.Add(link.State!.Value);
        return (link.State!.Value, link.Reason!);
    }

    private void Advance(TimeSpan by)
    {
        for (var t = TimeSpan.Zero; t < by; t += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Evaluate("site");
        }
    }

    /// <summary>Runs second by second for <paramref name="duration"/>, with or without a heartbeat every 15 s.</summary>
    private void Run(ClusterLink link, TimeSpan duration, bool heartbeats)
    {
        for (var t = TimeSpan.FromSeconds(1); t <= duration; t += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            if (heartbeats && t.Ticks % Heartbeat.Ticks == 0)
            {
                link.Touch(_time.GetUtcNow());
            }
            Evaluate("site");
        }
    }

    private TimeSpan AdvanceUntil(AvailabilityState state)
    {
        for (var t = TimeSpan.FromSeconds(1); t <= TimeSpan.FromHours(1); t += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            if (Evaluate("site").State == state)
            {
                return t;
            }
        }
        throw new TimeoutException($"never became {state}");
    }

    private TimeSpan RunUntil(ClusterLink link, AvailabilityState state)
    {
        for (var t = TimeSpan.FromSeconds(1); t <= TimeSpan.FromHours(1); t += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            if (t.Ticks % Heartbeat.Ticks == 0)
            {
                link.Touch(_time.GetUtcNow());
            }
            if (Evaluate("site").State == state)
            {
                return t;
            }
        }
        throw new TimeoutException($"never became {state}");
    }
}
