using System.Threading.RateLimiting;

namespace Edgeplane.Hub.Gateway.Admission;

internal sealed partial class AdmissionController
{
    // Weight of the newest handshake in the running average of how long one holds its slot.
    private const double HoldSmoothing = 0.05;
    private readonly Lock _holdLock = new();
    private double _holdSeconds;

    /// <summary>Connections waiting for a handshake slot now.</summary>
    public int QueuedHandshakes => Volatile.Read(ref _queuedHandshakes);

    /// <summary>TLS handshakes holding a slot now.</summary>
    public int HandshakesInFlight =>
        _options.MaxConcurrentHandshakes - (int)(_handshakeSlots.GetStatistics()?.CurrentAvailablePermits ?? 0);

    /// <summary>
    /// Waits for a handshake slot: one of <see cref="GatewayOptions.MaxConcurrentHandshakes"/> in flight, and a token
    /// of the handshake bucket. The ticket says why when the connection is not admitted (queue full, wait over
    /// <see cref="GatewayOptions.MaxHandshakeWait"/>, connection closed); the caller then closes the connection and
    /// the agent backs off. An admitted ticket must be disposed when the handshake is over, however it ended.
    /// </summary>
    public async ValueTask<HandshakeTicket> WaitForHandshakeAsync(CancellationToken cancellationToken)
    {
        var token = _handshakes.TryTake(out _);
        if (token && _handshakeSlots.AttemptAcquire() is { IsAcquired: true } free)
        {
            return Admit(free);
        }
        var position = Interlocked.Increment(ref _queuedHandshakes);
        try
        {
            if (position > _options.MaxQueuedHandshakes)
            {
                return new HandshakeTicket(HandshakeOutcome.QueueFull);
            }
            // Little's law: with N slots each held for h on average, the k-th in line gets one after about k·h/N. A
            // connection that would wait longer than allowed is closed now, not after the wait it cannot win.
            if (ExpectedWait(position) > _options.MaxHandshakeWait)
            {
                return new HandshakeTicket(HandshakeOutcome.WaitExceeded);
            }
            return await WaitInQueueAsync(token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _queuedHandshakes);
        }
    }

    /// <summary>
    /// How long the <paramref name="position"/>-th connection in line is expected to wait for a slot, from the
    /// running average of how long admitted handshakes held theirs (zero until one was measured).
    /// </summary>
    public TimeSpan ExpectedWait(int position)
    {
        double hold;
        lock (_holdLock)
        {
            hold = _holdSeconds;
        }
        return TimeSpan.FromSeconds(position * hold / _options.MaxConcurrentHandshakes);
    }

    private HandshakeTicket Admit(RateLimitLease lease) => new(lease, Time, Released);

    private void Released(TimeSpan held)
    {
        lock (_holdLock)
        {
            _holdSeconds = _holdSeconds == 0 ? held.TotalSeconds : _holdSeconds + (HoldSmoothing * (held.TotalSeconds - _holdSeconds));
        }
    }

    private async Task<HandshakeTicket> WaitInQueueAsync(bool haveToken, CancellationToken closed)
    {
        // The rate cap is reserved up front, so a wait that cannot fit is refused at once instead of after the wait.
        var tokenWait = haveToken ? TimeSpan.Zero : _handshakes.Reserve(_options.MaxHandshakeWait);
        if (tokenWait is not { } wait)
        {
            return new HandshakeTicket(HandshakeOutcome.WaitExceeded);
        }
        using var deadline = new CancellationTokenSource(_options.MaxHandshakeWait, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(closed, deadline.Token);
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Time, linked.Token).ConfigureAwait(false);
            }
            var lease = await _handshakeSlots.AcquireAsync(1, linked.Token).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                return new HandshakeTicket(HandshakeOutcome.QueueFull);
            }
            return Admit(lease);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return new HandshakeTicket(closed.IsCancellationRequested ? HandshakeOutcome.Closed : HandshakeOutcome.WaitExceeded);
        }
    }
}
