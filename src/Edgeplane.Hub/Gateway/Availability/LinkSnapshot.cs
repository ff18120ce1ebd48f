namespace Edgeplane.Hub.Gateway.Availability;

/// <summary>What the hub knows about one cluster's link at one instant; the input of <see cref="AvailabilityRules"/>.</summary>
/// <param name="Current">The state decided last time; null for a cluster no gateway has seen before.</param>
/// <param name="Reason">The reason of <paramref name="Current"/>.</param>
/// <param name="Live">A Connect stream of the cluster is open on this hub.</param>
/// <param name="LastContact">When the last message arrived on it.</param>
/// <param name="UpSince">When the link last came up (null while down).</param>
/// <param name="DownSince">When the link last went down (null while up).</param>
/// <param name="RecentLosses">Link losses within the flap window.</param>
/// <param name="HealthFailing">The last status report says something failed.</param>
internal readonly record struct LinkSnapshot(
    AvailabilityState? Current,
    string? Reason,
    bool Live,
    DateTimeOffset LastContact,
    DateTimeOffset? UpSince,
    DateTimeOffset? DownSince,
    int RecentLosses,
    bool HealthFailing);
