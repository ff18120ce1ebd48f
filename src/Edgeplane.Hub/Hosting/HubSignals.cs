using System.Threading.Channels;

namespace Edgeplane.Hub.Hosting;

/// <summary>Wake-ups between the hub's loops. Signals coalesce: many sets before a wait are one wake-up.</summary>
internal sealed class HubSignals
{
    private readonly Channel<bool> _fetch = Coalescing();
    private readonly Channel<bool> _process = Coalescing();
    private readonly Channel<bool> _rollout = Coalescing();

    /// <summary>Asks the rollout engine to step now (a revision created a run, an operator acted on one).</summary>
    public void RequestRolloutStep() => _rollout.Writer.TryWrite(true);

    public ValueTask<bool> WaitForRolloutRequestAsync(CancellationToken cancellationToken) => _rollout.Reader.ReadAsync(cancellationToken);

    /// <summary>Asks the source poller to fetch now (webhook).</summary>
    public void RequestFetch() => _fetch.Writer.TryWrite(true);

    /// <summary>Asks the revision processor to look for work now (new head, approval).</summary>
    public void RequestProcessing() => _process.Writer.TryWrite(true);

    public ValueTask<bool> WaitForFetchRequestAsync(CancellationToken cancellationToken) => _fetch.Reader.ReadAsync(cancellationToken);

    public ValueTask<bool> WaitForProcessingRequestAsync(CancellationToken cancellationToken) => _process.Reader.ReadAsync(cancellationToken);

    private static Channel<bool> Coalescing() =>
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
}
