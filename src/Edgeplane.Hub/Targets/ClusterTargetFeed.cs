using System.Collections.Immutable;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Targets;

/// <summary>The in-process fan-out of target changes to every subscriber.</summary>
internal sealed class ClusterTargetFeed : IClusterTargetFeed
{
    /// <summary>Changes a subscriber may fall behind before the oldest are dropped (enough for a whole 10,000-cluster commit, 6×).</summary>
    public const int SubscriberCapacity = 65_536;

    private ImmutableList<ClusterTargetSubscription> _subscribers = [];

    /// <inheritdoc />
    public ClusterTargetSubscription Subscribe()
    {
        var subscription = new ClusterTargetSubscription(SubscriberCapacity,
            s => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(s)));
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscription));
        return subscription;
    }

    /// <summary>Announces committed changes to every subscriber.</summary>
    public void Publish(IEnumerable<ClusterTargetChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var subscribers = _subscribers;
        if (subscribers.IsEmpty)
        {
            return;
        }
        foreach (var change in changes)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Write(change);
            }
        }
    }

    /// <summary>Tells every subscriber that changes may have been missed (e.g. the LISTEN connection dropped).</summary>
    public void SignalResync()
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.MarkOverflowed();
        }
    }
}
