using System.Text;
using System.Threading.Channels;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Watch;

/// <summary>
/// One open watch: its filter and a queue of messages the HTTP stream drains. Events are offered under the cluster
/// lock (so order is the commit order); a watcher that falls more than <c>maxPending</c> behind is closed,
/// as kube-apiserver closes slow watchers, and the client re-lists.
/// </summary>
internal sealed class WatchSubscription(ResourceType type, WatchFilter filter, int maxPending, Func<byte[], byte[]> present)
{
    private readonly Channel<WatchMessage> _channel = Channel.CreateUnbounded<WatchMessage>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    public ResourceType Type { get; } = type;

    public WatchFilter Filter { get; } = filter;

    public ChannelReader<WatchMessage> Reader => _channel.Reader;

    /// <summary>Set when the watch was closed because the client could not keep up.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Offers a committed change; returns false when the subscription is finished and should be dropped.</summary>
    public bool Offer(WatchEvent change)
    {
        var now = Filter.Matches(change.Object);
        var before = change.Previous is { } previous ? Filter.Matches(previous) : now;
        WatchEventType? type = change.Type switch
        {
            WatchEventType.Modified => (before, now) switch
            {
                (true, true) => WatchEventType.Modified,
                (false, true) => WatchEventType.Added,
                (true, false) => WatchEventType.Deleted,
                _ => null,
            },
            _ => now ? change.Type : null,
        };
        return type is not { } t || Enqueue(new WatchMessage(t, present(change.Object.Json)));
    }

    /// <summary>Initial state for a watch without a resourceVersion: a synthetic ADDED per existing object.</summary>
    public void OfferInitial(StoredObject obj)
    {
        if (Filter.Matches(obj))
        {
            _channel.Writer.TryWrite(new WatchMessage(WatchEventType.Added, present(obj.Json)));
        }
    }

    public bool OfferBookmark(long resourceVersion, bool initialEventsEnd = false)
    {
        var annotations = initialEventsEnd ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : string.Empty;
        var json = $"{{\"kind\":\"{Type.Kind}\",\"apiVersion\":\"{Type.GroupVersion}\",\"metadata\":{{\"resourceVersion\":\"{resourceVersion}\"{annotations}}}}}";
        return Enqueue(new WatchMessage(WatchEventType.Bookmark, Encoding.UTF8.GetBytes(json)));
    }

    public void OfferError(byte[] status) => Enqueue(new WatchMessage(WatchEventType.Error, status));

    public void Complete() => _channel.Writer.TryComplete();

    private bool Enqueue(WatchMessage message)
    {
        if (_channel.Reader.Count >= maxPending)
        {
            Overflowed = true;
            _channel.Writer.TryComplete();
            return false;
        }
        return _channel.Writer.TryWrite(message);
    }
}
