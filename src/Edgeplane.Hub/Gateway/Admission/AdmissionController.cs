namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>
/// Bounds how fast agents are let in, so a reconnect storm (every site at once after a hub restart or a WAN outage)
/// costs a bounded amount of CPU per second instead of all of it: new TLS handshakes wait for a slot of their bucket
/// (bounded wait and queue, then the connection is closed), new Connect streams beyond theirs are refused with a retry
/// hint plus random jitter, so the refused agents come back spread out instead of together.
/// </summary>
public sealed class AdmissionController
{
    private readonly TokenBucket _streams;
    private readonly TokenBucket _handshakes;
    private readonly GatewayOptions _options;
    private readonly Random _random;
    private int _queuedHandshakes;

    /// <summary>Buckets from <paramref name="options"/>, full.</summary>
    public AdmissionController(GatewayOptions options, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _random = random;
        _streams = new TokenBucket(options.ConnectRate, options.ConnectBurst, time);
        _handshakes = new TokenBucket(options.HandshakeRate, options.HandshakeBurst, time);
        Time = time;
    }

    internal TimeProvider Time { get; }

    /// <summary>Connections waiting for a handshake slot now.</summary>
    public int QueuedHandshakes => Volatile.Read(ref _queuedHandshakes);

    /// <summary>
    /// Admits a new Connect stream, or refuses it with the time the agent should wait: the bucket's deficit plus a
    /// random jitter of up to <see cref="GatewayOptions.RetryJitter"/>, at least one second.
    /// </summary>
    public bool TryAdmitStream(out TimeSpan retryAfter)
    {
        if (_streams.TryTake(out var wait))
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }
        retryAfter = RetryHint(wait);
        return false;
    }

    /// <summary>A retry hint: at least <paramref name="wait"/> and one second, plus jitter.</summary>
    public TimeSpan RetryHint(TimeSpan wait)
    {
        double jitter;
        lock (_random)
        {
            jitter = _random.NextDouble();
        }
        var floor = wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
        return floor + (_options.RetryJitter * jitter);
    }

    /// <summary>
    /// Waits for a handshake slot. False when the queue is full or the wait would exceed
    /// <see cref="GatewayOptions.MaxHandshakeWait"/>: the caller closes the connection and the agent backs off.
    /// </summary>
    public async ValueTask<bool> WaitForHandshakeAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _queuedHandshakes) > _options.MaxQueuedHandshakes)
        {
            Interlocked.Decrement(ref _queuedHandshakes);
            return false;
        }
        try
        {
            if (_handshakes.Reserve(_options.MaxHandshakeWait) is not { } wait)
            {
                return false;
            }
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Time, cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _queuedHandshakes);
        }
    }
}
