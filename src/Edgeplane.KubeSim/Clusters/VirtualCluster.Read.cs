using System.Globalization;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Storage;
using Edgeplane.KubeSim.Watch;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    public StoredObject Get(ObjectTarget target)
    {
        lock (Sync)
        {
            return _store.Get(target.Type.Key, target.Namespace, target.RequiredName)
                ?? throw ApiException.NotFound(target.Type, target.RequiredName);
        }
    }

    public StoredObject? Find(ResourceKey resource, string? ns, string name)
    {
        lock (Sync)
        {
            return _store.Get(resource, ns, name);
        }
    }

    public List<StoredObject> ListAll(ResourceKey resource, string? ns = null)
    {
        lock (Sync)
        {
            return _store.List(resource, ns).ToList();
        }
    }

    public ListPage List(WatchFilter filter, int limit, string? continueToken)
    {
        lock (Sync)
        {
            var listRv = _resourceVersion;
            string? after = null;
            if (!string.IsNullOrEmpty(continueToken))
            {
                (listRv, after) = ContinueToken.Decode(continueToken);
                if (listRv < _watches.HistoryStartResourceVersion)
                {
                    throw ApiException.Gone("The provided continue parameter is too old to display a consistent list result. " +
                        "You can start a new list without the continue parameter.");
                }
            }
            var matches = Candidates(filter, after).Where(filter.Matches);
            if (limit <= 0)
            {
                return new ListPage(matches.ToList(), listRv, null, null);
            }
            var page = matches.Take(limit + 1).ToList();
            if (page.Count <= limit)
            {
                return new ListPage(page, listRv, null, null);
            }
            page.RemoveAt(limit);
            var remaining = Candidates(filter, page[^1].StoreKey).Count(filter.Matches);
            return new ListPage(page, listRv, ContinueToken.Encode(listRv, page[^1].StoreKey), remaining);
        }
    }

    /// <summary>Opens a watch. Returns null when <paramref name="resourceVersion"/> is older than the kept history (410).</summary>
    public WatchSubscription? Watch(ResourceType type, WatchFilter filter, string? resourceVersion, bool sendInitialEvents, bool bookmarks,
        Func<byte[], byte[]> present)
    {
        var fromStart = string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0" || sendInitialEvents;
        long from = 0;
        if (!fromStart && !long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            throw ApiException.BadRequest($"invalid resource version: \"{resourceVersion}\"");
        }
        var subscription = new WatchSubscription(type, filter, Runtime.Options.WatchMaxPending, present);
        lock (Sync)
        {
            if (!fromStart)
            {
                return _watches.SubscribeFrom(subscription, from) ? subscription : null;
            }
            foreach (var obj in Candidates(filter, null))
            {
                subscription.OfferInitial(obj);
            }
            if (sendInitialEvents && bookmarks)
            {
                subscription.OfferBookmark(_resourceVersion, initialEventsEnd: true);
            }
            _watches.Add(subscription);
            return subscription;
        }
    }

    public void StopWatch(WatchSubscription subscription)
    {
        lock (Sync)
        {
            _watches.Remove(subscription);
        }
        subscription.Complete();
    }

    /// <summary>Queues a bookmark at the current resourceVersion behind every event already queued.</summary>
    public bool Bookmark(WatchSubscription subscription)
    {
        lock (Sync)
        {
            return subscription.OfferBookmark(_resourceVersion);
        }
    }

    private IEnumerable<StoredObject> Candidates(WatchFilter filter, string? after)
    {
        if (filter.Fields.ExactName is { } name && (filter.Namespace is not null || !filter.Namespaced))
        {
            var obj = _store.Get(filter.Resource, filter.Namespace, name);
            return obj is not null && (after is null || string.CompareOrdinal(obj.StoreKey, after) > 0) ? [obj] : [];
        }
        return _store.List(filter.Resource, filter.Namespace, after);
    }
}
