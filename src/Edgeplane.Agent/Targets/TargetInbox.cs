using System.Threading.Channels;

namespace Edgeplane.Agent.Targets;

/// <summary>
/// The hub link's targets on their way to the reconciler: a one-way channel, so neither knows the other. The link posts
/// every target the hub sends (in Welcome and TargetChanged) and never waits; the reconciler reads them in order, keeps
/// the newest generation and ignores older ones. At most <see cref="Capacity"/> targets wait unread; beyond that the
/// oldest unread one is dropped (each target replaces the one before it, so only the newest matters).
/// </summary>
internal sealed class TargetInbox
{
    /// <summary>Most unread targets kept.</summary>
    public const int Capacity = 64;

    private readonly Channel<HubTarget> _channel = Channel.CreateBounded<HubTarget>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = true,
    });

    /// <summary>Where the reconciler reads the targets.</summary>
    public ChannelReader<HubTarget> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="target"/> for the reconciler; never waits.</summary>
    public void Post(HubTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _channel.Writer.TryWrite(target);
    }
}
