namespace Edgeplane.Hub.Gateway.Availability;

/// <summary>How reachable and well a cluster's agent is, as the hub decides with hysteresis (docs/gateway.md).</summary>
internal enum AvailabilityState
{
    /// <summary>The link is up and stable, and the agent reports nothing failing.</summary>
    Online,

    /// <summary>The link is recovering, flapping or briefly down, or the agent reports failures.</summary>
    Degraded,

    /// <summary>No link for longer than the offline grace period.</summary>
    Offline,

    /// <summary>
    /// No live hub process vouches for the link: the one that served it restarted, stopped or died, and the agent is not
    /// back yet. Set by the store (<see cref="Store.LinkRule"/>), never decided from a live link.
    /// </summary>
    Unknown,
}
