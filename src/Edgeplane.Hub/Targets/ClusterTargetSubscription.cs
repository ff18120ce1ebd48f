using System.Threading.Channels;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Targets;

/// <summary>
/// One subscriber's queue of target changes, bounded by <see cref="ClusterTargetFeed.SubscriberCapacity"/>.
/// When the subscriber falls that far behind, the oldest changes are dropped and <see cref="Overflowed"/> is set:
/// it must then re-read every target from the store (<c>IClusterStore.ListTargetsAsync</c>).
/// </summary>
internal sealed class ClusterTargetSubscription : IDisposable
{
    private readonly Channel<ClusterTargetChange> _channel;
    private readonly Action<ClusterTargetSubscription> _onDispose;
    private int _overflowed;

    internal ClusterTargetSubscription(int capacity, Action<ClusterTargetSubscription> onDispose)
    {
        _onDispose = onDispose;
        _channel = Channel.CreateBounded<ClusterTargetChange>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false },
            _ => Interlocked.Exchange(ref _overflowed, 1));
    }

    /// <summary>The changes, in the order they were announced.</summary>
    public ChannelReader<ClusterTargetChange> Reader => _channel.Reader;

    /// <summary>True once changes were dropped; reading it clears it.</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;

    internal void Write(ClusterTargetChange change) => _channel.Writer.TryWrite(change);

    internal void MarkOverflowed() => Interlocked.Exchange(ref _overflowed, 1);

    /// <inheritdoc />
    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _onDispose(this);
    }
}
