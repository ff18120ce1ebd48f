namespace Edgeplane.Hub.Store;

/// <summary>A cluster as the fleet map shows it: its place and its states, read without its labels or documents.</summary>
internal sealed record ClusterMapRow(string Name, string Layer, string? Region, string? Site, ClusterStates States);

/// <summary>The fleet summary's states of one cluster, as flags (a cluster may be drifted and unhealthy at once).</summary>
[Flags]
internal enum ClusterStates
{
    None = 0,
    InSync = 1,
    Drifted = 2,
    Unhealthy = 4,
    Offline = 8,
    LinkUnknown = 16,
    Held = 32,
    Behind = 64,
}

/// <summary>
/// Which <see cref="ClusterStates"/> hold for a cluster: the fleet summary's counting rules (<see cref="EfClusterStore"/>'s
/// <c>GetFleetSummaryAsync</c> counts the same in SQL) applied to one loaded cluster.
/// </summary>
internal static class ClusterStateRule
{
    /// <summary>Reported health words that do not count as unhealthy.</summary>
    private static readonly HashSet<string> QuietHealth = new(StringComparer.Ordinal) { "Healthy", "Unknown", "Progressing" };

    /// <summary>
    /// Offline as the gateway decided it (<paramref name="availability"/>, the effective one); for a cluster no gateway
    /// ever tracked, no status report since <paramref name="offlineBefore"/> (the fleet summary's rule).
    /// </summary>
    public static bool IsOffline(string? availability, DateTime? lastSeen, DateTime offlineBefore) =>
        availability == LinkRule.Offline || (availability is null && (lastSeen is null || lastSeen < offlineBefore));

    /// <param name="c">The cluster (its status, digests and link columns loaded).</param>
    /// <param name="liveInstances">The hub instances whose lease is live (<see cref="LinkRule"/>).</param>
    /// <param name="offlineBefore">A cluster no gateway tracks is offline when it has not reported since then.</param>
    public static ClusterStates Of(Entities.ClusterRecord c, IReadOnlySet<string> liveInstances, DateTime offlineBefore)
    {
        var availability = LinkRule.Effective(c, liveInstances).Availability;
        var offline = IsOffline(availability, c.LastSeen, offlineBefore);
        var states = ClusterStates.None;
        if (c.AppliedDigest is not null && c.AppliedDigest == c.TargetDigest)
        {
            states |= ClusterStates.InSync;
        }
        if (c.Drifted)
        {
            states |= ClusterStates.Drifted;
        }
        if (c.Health is { } health && !QuietHealth.Contains(health))
        {
            states |= ClusterStates.Unhealthy;
        }
        if (offline)
        {
            states |= ClusterStates.Offline;
        }
        else if (availability is null or LinkRule.Unknown)
        {
            states |= ClusterStates.LinkUnknown;
        }
        if (c.HeldByRollout is not null)
        {
            states |= ClusterStates.Held;
        }
        if (c.DesiredDigest is not null && c.DesiredDigest != c.TargetDigest)
        {
            states |= ClusterStates.Behind;
        }
        return states;
    }
}
