using System.Threading.Channels;

namespace Edgeplane.Hub.Lifecycle;

/// <summary>
/// The clusters whose lifecycle facts may have changed since the monitor's last pass (their agent or management cluster
/// reported, their target moved), and the wake-up that tells it. Marks coalesce; <see cref="MarkAll"/> asks for a full sweep.
/// </summary>
internal sealed class LifecycleSignals
{
    /// <summary>Most clusters remembered one by one; beyond it the next pass sweeps them all.</summary>
    public const int MaxMarked = 100_000;

    private readonly Lock _lock = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private HashSet<string> _marked = new(StringComparer.Ordinal);
    private bool _all;

    /// <summary>Marks <paramref name="clusters"/> for the next pass.</summary>
    public void Mark(IEnumerable<string> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        lock (_lock)
        {
            foreach (var cluster in clusters)
            {
                if (_marked.Count >= MaxMarked)
                {
                    _all = true;
                    break;
                }
                _marked.Add(cluster);
            }
        }
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Asks for a pass over every cluster.</summary>
    public void MarkAll()
    {
        lock (_lock)
        {
            _all = true;
        }
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Waits until something is marked, or <paramref name="sweepAfter"/> passes (then it is a full sweep).</summary>
    /// <returns>The marked clusters, or null for all of them.</returns>
    public async Task<IReadOnlyCollection<string>?> TakeAsync(TimeSpan sweepAfter, TimeProvider time, CancellationToken cancellationToken)
    {
        using var sweep = new CancellationTokenSource(sweepAfter, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(sweep.Token, cancellationToken);
        var woke = false;
        try
        {
            woke = await _wake.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The sweep is due.
        }
        _wake.Reader.TryRead(out _);
        lock (_lock)
        {
            var all = _all || !woke;
            var marked = _marked;
            _marked = new HashSet<string>(StringComparer.Ordinal);
            _all = false;
            return all ? null : marked;
        }
    }
}
