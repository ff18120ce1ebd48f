namespace Edgeplane.Hub.Gateway.Availability;

/// <summary>
/// The availability decision, a pure function of the link's history and the clock. Going down is quick where it must
/// be and slow where a blip is likely; coming back is slow, so a flaky link does not flap (docs/gateway.md):
/// <list type="bullet">
/// <item>The link is alive while a stream is open and its last message is at most <see cref="GatewayOptions.LinkTimeout"/>
/// (two heartbeats) old: one missed heartbeat changes nothing.</item>
/// <item>Online → Degraded when the link has been down for <see cref="GatewayOptions.DegradedAfter"/>, when it was lost
/// <see cref="GatewayOptions.FlapThreshold"/> times within <see cref="GatewayOptions.FlapWindow"/>, or when the agent
/// reports failures.</item>
/// <item>Any → Offline when the link has been down for <see cref="GatewayOptions.OfflineAfter"/>.</item>
/// <item>Offline → Degraded when the link comes back; Degraded → Online once it has stayed up for
/// <see cref="GatewayOptions.StableAfter"/>, is not flapping, and nothing fails.</item>
/// <item>A cluster seen for the first time goes Online at once (Degraded if it reports failures); so does an Unknown one
/// (its hub process restarted or died: whatever it knew of the link's history went with it).</item>
/// <item>Unknown stays Unknown while the link is down, and becomes Offline after <see cref="GatewayOptions.OfflineAfter"/>.</item>
/// </list>
/// </summary>
internal static class AvailabilityRules
{
    /// <summary>The state and its PascalCase reason at <paramref name="now"/>.</summary>
    public static (AvailabilityState State, string Reason) Evaluate(LinkSnapshot link, DateTimeOffset now, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flapping = link.RecentLosses >= options.FlapThreshold;
        if (IsAlive(link, now, options))
        {
            return Alive(link, now, options, flapping);
        }
        var downFor = now - (link.DownSince ?? link.LastContact);
        if (downFor >= options.OfflineAfter)
        {
            return (AvailabilityState.Offline, link.Live ? "HeartbeatsMissed" : "Disconnected");
        }
        if (link.Current == AvailabilityState.Online && downFor >= options.DegradedAfter)
        {
            return (AvailabilityState.Degraded, "LinkDown");
        }
        if (link.Current == AvailabilityState.Online && flapping)
        {
            return (AvailabilityState.Degraded, "LinkFlapping");
        }
        return (link.Current ?? AvailabilityState.Offline, link.Reason ?? "NeverConnected");
    }

    /// <summary>True while a stream is open and heard from within <see cref="GatewayOptions.LinkTimeout"/>.</summary>
    public static bool IsAlive(LinkSnapshot link, DateTimeOffset now, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return link.Live && now - link.LastContact <= options.LinkTimeout;
    }

    private static (AvailabilityState, string) Alive(LinkSnapshot link, DateTimeOffset now, GatewayOptions options, bool flapping)
    {
        if (link.HealthFailing)
        {
            return (AvailabilityState.Degraded, "HealthFailing");
        }
        if (flapping)
        {
            return (AvailabilityState.Degraded, "LinkFlapping");
        }
        if (link.Current is null or AvailabilityState.Unknown)
        {
            return (AvailabilityState.Online, "Connected");
        }
        if (link.Current == AvailabilityState.Online)
        {
            return (AvailabilityState.Online, link.Reason ?? "Connected");
        }
        if (now - (link.UpSince ?? now) >= options.StableAfter)
        {
            return (AvailabilityState.Online, "LinkStable");
        }
        // Up again, not yet for long enough: "Reconnected" after Offline, "Stabilizing" after a shorter trouble.
        return (AvailabilityState.Degraded,
            link.Current == AvailabilityState.Offline || link.Reason == "Reconnected" ? "Reconnected" : "Stabilizing");
    }
}
