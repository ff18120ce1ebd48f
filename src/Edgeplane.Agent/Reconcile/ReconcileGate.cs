namespace Edgeplane.Agent.Reconcile;

/// <summary>
/// Bounds how many agents apply or check drift at the same time. A standalone agent has its own gate; agents sharing a
/// process (<c>edgeplane up</c>, tests) share one, so no agent hogs the CPU or the API servers. Health polling and the hub
/// link do not take a slot.
/// </summary>
public sealed class ReconcileGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <summary>A gate with <paramref name="slots"/> concurrent reconciles (at least 1).</summary>
    public ReconcileGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Slots = slots;
        _slots = new SemaphoreSlim(slots, slots);
    }

    /// <summary>How many reconciles may run at once.</summary>
    public int Slots { get; }

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
