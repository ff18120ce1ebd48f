namespace Edgeplane.Hub.Store;

/// <summary>
/// Persistence port of the hub-instance leases (docs/gateway.md, "Availability"): every hub process registers at start
/// and renews its lease; a link is Online or Degraded only while the process that serves it holds a live lease, so the
/// links of a process that restarted, stopped or died become <c>Unknown</c> (<see cref="LinkRule"/>). Every sweep is
/// one statement, whatever the number of clusters. Every method is one transaction.
/// </summary>
internal interface IInstanceLeaseStore
{
    /// <summary>
    /// Registers <paramref name="instance"/>, then marks Unknown the links its predecessors served (<see cref="LinkRule.HubRestarted"/>:
    /// instances of the same name; on SQLite, one hub per file, every other instance) and forgets those predecessors,
    /// then sweeps like <see cref="RenewAsync"/>.
    /// </summary>
    Task<LeaseSweep> StartAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Renews the lease of <paramref name="instance"/> (registering it again if another replica swept it: then
    /// <see cref="LeaseRenewal.Lost"/> is true and the caller must write its links' states again), forgets instances
    /// whose lease expired, and marks Unknown (<see cref="LinkRule.OwnerGone"/>) the links no registered instance serves.
    /// </summary>
    Task<LeaseRenewal> RenewAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken);

    /// <summary>A clean stop: marks Unknown (<see cref="LinkRule.HubStopped"/>) the links <paramref name="instance"/> served and removes its lease. Returns how many.</summary>
    Task<int> ReleaseAsync(HubInstance instance, DateTime now, CancellationToken cancellationToken);
}

/// <summary>What a start did: links marked Unknown because this hub restarted, and because their owner's lease expired.</summary>
internal sealed record LeaseSweep(int Restarted, int OwnerGone);

/// <summary>What a renewal found: whether the lease had been swept by another replica, and links marked Unknown.</summary>
internal sealed record LeaseRenewal(bool Lost, int OwnerGone);
