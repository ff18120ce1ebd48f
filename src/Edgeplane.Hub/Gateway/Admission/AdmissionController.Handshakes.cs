using System.Threading.RateLimiting;

namespace Edgeplane.Hub.Gateway.Admission;

public sealed partial class AdmissionController
{
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
            return new HandshakeTicket(HandshakeOutcome.Admitted, free);
        }
        if (Interlocked.Increment(ref _queuedHandshakes) > _options.MaxQueuedHandshakes)
        {
            Interlocked.Decrement(ref _queuedHandshakes);
            return new HandshakeTicket(HandshakeOutcome.QueueFull, null);
        }
        try
        {
            return await WaitInQueueAsync(token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _queuedHandshakes);
        }
    }

    private async Task<HandshakeTicket> WaitInQueueAsync(bool haveToken, CancellationToken closed)
    {
        // The rate cap is reserved up front, so a wait that cannot fit is refused at once instead of after the wait.
        var tokenWait = haveToken ? TimeSpan.Zero : _handshakes.Reserve(_options.MaxHandshakeWait);
        if (tokenWait is not { } wait)
        {
            return new HandshakeTicket(HandshakeOutcome.WaitExceeded, null);
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
                return new HandshakeTicket(HandshakeOutcome.QueueFull, null);
            }
            return new HandshakeTicket(HandshakeOutcome.Admitted, lease);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return new HandshakeTicket(closed.IsCancellationRequested ? HandshakeOutcome.Closed : HandshakeOutcome.WaitExceeded, null);
        }
    }
}
