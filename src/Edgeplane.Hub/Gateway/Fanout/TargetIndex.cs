using System.Collections.Concurrent;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Targets;

namespace Edgeplane.Hub.Gateway.Fanout;

/// <summary>
/// Every cluster's current target in memory, loaded once from the store and kept current from the target feed
/// (<see cref="TargetFanout"/>), so Welcome, fan-out and bundle authorisation never query the database per agent.
/// </summary>
internal sealed class TargetIndex(GatewayOptions options)
{
    private readonly ConcurrentDictionary<string, TargetEntry> _entries = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the targets were loaded from the store (Connect waits for it).</summary>
    public Task WhenLoaded => _loaded.Task;

    /// <summary>Clusters with an entry.</summary>
    public int Count => _entries.Count;

    /// <summary>The cluster's target, or null when it has none.</summary>
    public TargetEntry? Get(string cluster) => _entries.GetValueOrDefault(cluster);

    /// <summary>True when <paramref name="cluster"/> may fetch <paramref name="digest"/> (its current or a recent target).</summary>
    public bool Allows(string cluster, string digest) => _entries.TryGetValue(cluster, out var entry) && entry.Allows(digest);

    internal void MarkLoaded() => _loaded.TrySetResult();

    /// <summary>
    /// Takes a change if it is newer than what the index holds; returns the new entry, or null when it was old news
    /// (a replayed notification, or one already seen through a reload).
    /// </summary>
    internal TargetEntry? Apply(ClusterTargetChange change)
    {
        while (true)
        {
            if (!_entries.TryGetValue(change.Cluster, out var current))
            {
                var created = new TargetEntry(change.Digest, change.Revision, Math.Max(change.Generation, 1), []);
                if (_entries.TryAdd(change.Cluster, created))
                {
                    return created;
                }
                continue;
            }
            if (Next(current, change) is not { } next)
            {
                return null;
            }
            if (_entries.TryUpdate(change.Cluster, next, current))
            {
                return next;
            }
        }
    }

    private TargetEntry? Next(TargetEntry current, ClusterTargetChange change)
    {
        // Generation 0 comes from notifications without one: newer if it says something different.
        var generation = change.Generation > 0 ? change.Generation
            : current.Digest == change.Digest && current.Revision == change.Revision ? current.Generation : current.Generation + 1;
        if (generation <= current.Generation)
        {
            return null;
        }
        var recent = current.Digest is { } previous && previous != change.Digest
            ? current.Recent.Prepend(previous).Where(d => d != change.Digest).Take(options.RecentTargetsPerCluster).ToList()
            : current.Recent;
        return new TargetEntry(change.Digest, change.Revision, generation, recent);
    }
}
