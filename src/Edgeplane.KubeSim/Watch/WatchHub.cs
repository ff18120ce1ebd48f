using Edgeplane.KubeSim.Catalog;

namespace Edgeplane.KubeSim.Watch;

/// <summary>
/// A cluster's bounded event history and its open watches, indexed by resource so a write only visits the
/// watchers of its own resource. Not thread-safe: used under the cluster lock.
/// </summary>
internal sealed class WatchHub(int historyLimit, long startResourceVersion)
{
    private readonly Dictionary<ResourceKey, List<WatchSubscription>> _subscriptions = [];
    private readonly Queue<WatchEvent> _history = new();

    /// <summary>Every change after this resourceVersion is still in the history; older watch starts get 410 Gone.</summary>
    public long HistoryStartResourceVersion { get; private set; } = startResourceVersion;

    public int Count => _subscriptions.Sum(s => s.Value.Count);

    public void Record(WatchEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > historyLimit)
        {
            HistoryStartResourceVersion = _history.Dequeue().ResourceVersion;
        }
        if (_subscriptions.TryGetValue(change.Resource, out var subs))
        {
            subs.RemoveAll(s => !s.Offer(change));
        }
    }

    /// <summary>Replays history after <paramref name="fromResourceVersion"/> into the subscription and registers it.</summary>
    /// <returns>False when that history is no longer kept (the caller answers 410 Gone).</returns>
    public bool SubscribeFrom(WatchSubscription subscription, long fromResourceVersion)
    {
        if (fromResourceVersion < HistoryStartResourceVersion)
        {
            return false;
        }
        foreach (var change in _history.Where(e => e.ResourceVersion > fromResourceVersion && e.Resource == subscription.Filter.Resource))
        {
            subscription.Offer(change);
        }
        Add(subscription);
        return true;
    }

    public void Add(WatchSubscription subscription)
    {
        if (!_subscriptions.TryGetValue(subscription.Filter.Resource, out var subs))
        {
            subs = [];
            _subscriptions[subscription.Filter.Resource] = subs;
        }
        subs.Add(subscription);
    }

    public void Remove(WatchSubscription subscription)
    {
        if (_subscriptions.TryGetValue(subscription.Filter.Resource, out var subs))
        {
            subs.Remove(subscription);
        }
    }

    /// <summary>Forgets history (after a restore): watches may start at <paramref name="resourceVersion"/> or later.</summary>
    public void Reset(long resourceVersion)
    {
        _history.Clear();
        HistoryStartResourceVersion = resourceVersion;
    }

    public IEnumerable<WatchSubscription> All => _subscriptions.Values.SelectMany(s => s);

    /// <summary>Ends every open watch (cluster removed, unreachable, or server stopping).</summary>
    public void CloseAll()
    {
        foreach (var sub in All.ToList())
        {
            sub.Complete();
        }
        _subscriptions.Clear();
    }
}
