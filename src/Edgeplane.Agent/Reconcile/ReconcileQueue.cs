namespace Edgeplane.Agent.Reconcile;

/// <summary>
/// The reconciler's work queue (after client-go's workqueue for a single key): triggers are merged while they wait, a
/// delayed trigger replaces an earlier timer of the same kind, and the consumer takes everything pending at once. Because
/// a pass reads the current state rather than the trigger, merging loses nothing (level-triggered). Timers run on the
/// injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ReconcileQueue(TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ReconcileTrigger, ITimer> _timers = [];
    private ReconcileTrigger _pending;
    private TaskCompletionSource? _waiter;
    private bool _disposed;

    /// <summary>Adds <paramref name="trigger"/> now.</summary>
    public void Add(ReconcileTrigger trigger)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _pending |= trigger;
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult();
    }

    /// <summary>Adds <paramref name="trigger"/> after <paramref name="delay"/>, replacing an earlier timer of the same trigger.</summary>
    public void AddAfter(ReconcileTrigger trigger, TimeSpan delay)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            if (_timers.Remove(trigger, out var old))
            {
                old.Dispose();
            }
            _timers[trigger] = time.CreateTimer(_ => Fire(trigger), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Cancels a pending timer of <paramref name="trigger"/>.</summary>
    public void Cancel(ReconcileTrigger trigger)
    {
        lock (_lock)
        {
            if (_timers.Remove(trigger, out var timer))
            {
                timer.Dispose();
            }
        }
    }

    /// <summary>True when a timer of <paramref name="trigger"/> is waiting.</summary>
    public bool IsScheduled(ReconcileTrigger trigger)
    {
        lock (_lock)
        {
            return _timers.ContainsKey(trigger);
        }
    }

    /// <summary>Waits until something is pending and takes all of it.</summary>
    public async Task<ReconcileTrigger> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_pending != ReconcileTrigger.None)
                {
                    var taken = _pending;
                    _pending = ReconcileTrigger.None;
                    return taken;
                }
                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }
            _timers.Clear();
        }
    }

    private void Fire(ReconcileTrigger trigger)
    {
        lock (_lock)
        {
            if (_timers.Remove(trigger, out var timer))
            {
                timer.Dispose();
            }
        }
        Add(trigger);
    }
}
