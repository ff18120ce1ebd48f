using System.Linq.Expressions;
using Edgeplane.Hub.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>
/// The hub's one definition of a live agent link: the stored availability is <c>Online</c> or <c>Degraded</c> and the hub
/// process that decided it (<see cref="ClusterRecord.OwnerInstance"/>) still holds a live lease. Anything else is not
/// live: <c>Offline</c>, <c>Unknown</c> (no live hub process vouches for the link: it restarted, stopped or its lease
/// expired), or never seen. Readers that decide something from a link (the REST API, a rollout) use this rule, never the
/// stored column alone, which may still say Online for a few seconds after its hub process died.
/// </summary>
internal static class LinkRule
{
    public const string Online = "Online";
    public const string Degraded = "Degraded";
    public const string Offline = "Offline";
    public const string Unknown = "Unknown";

    /// <summary>Unknown: the hub process restarted (or, on SQLite, any earlier hub process on the file).</summary>
    public const string HubRestarted = "HubRestarted";

    /// <summary>Unknown: the hub process that served the link stopped cleanly.</summary>
    public const string HubStopped = "HubStopped";

    /// <summary>Unknown: the lease of the hub process that served the link expired (the replica died or lost its database).</summary>
    public const string OwnerGone = "OwnerGone";

    /// <summary>True for the states a hub process vouches for (Online, Degraded).</summary>
    public static bool IsVouched(string? availability) => availability is Online or Degraded;

    /// <summary>
    /// The rule as a query predicate: live when vouched for by one of <paramref name="liveInstances"/> (the ids of the
    /// hub instances whose lease is live, e.g. from <see cref="IClusterStore.ListLiveInstancesAsync"/>).
    /// </summary>
    public static Expression<Func<ClusterRecord, bool>> Live(IReadOnlyCollection<string> liveInstances) =>
        c => (c.Availability == Online || c.Availability == Degraded) && c.OwnerInstance != null && liveInstances.Contains(c.OwnerInstance);

    /// <summary>The rule applied to one loaded cluster (<paramref name="liveInstances"/>: from <see cref="LiveInstancesAsync"/>).</summary>
    public static bool IsLive(ClusterRecord cluster, IReadOnlySet<string> liveInstances) => IsVouched(Effective(cluster, liveInstances).Availability);

    /// <summary>The ids of the hub instances whose lease is live at <paramref name="now"/> (a handful of rows).</summary>
    public static async Task<HashSet<string>> LiveInstancesAsync(HubDbContext db, HubInstance instance, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instance);
        var cutoff = instance.LeaseCutoff(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        return await db.HubInstances.AsNoTracking().Where(i => i.RenewedAt >= cutoff).Select(i => i.Id)
            .ToHashSetAsync(StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The availability, reason and since of one loaded cluster as readers must see it: a vouched state whose owner is not
    /// among <paramref name="liveInstances"/> is <c>Unknown</c> (<see cref="OwnerGone"/>, since unknown).
    /// </summary>
    public static (string? Availability, string? Reason, DateTime? Since) Effective(ClusterRecord cluster, IReadOnlySet<string> liveInstances)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(liveInstances);
        return !IsVouched(cluster.Availability) || (cluster.OwnerInstance is { } owner && liveInstances.Contains(owner))
            ? (cluster.Availability, cluster.AvailabilityReason, cluster.AvailabilitySince)
            : (Unknown, OwnerGone, null);
    }
}
