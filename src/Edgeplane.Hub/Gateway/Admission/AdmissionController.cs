using System.Threading.RateLimiting;

namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>
/// Bounds how agents are let in, so a reconnect storm (every site at once after a hub restart or a WAN outage) costs a
/// bounded amount of CPU instead of all of it: new TLS handshakes wait for one of a fixed number of slots in flight
/// (and, as a cap, a token of their bucket), with a bounded wait and queue, then the connection is closed; new Connect
/// streams beyond their bucket are refused with a retry hint plus random jitter, so the refused agents come back
/// spread out instead of together.
/// </summary>
internal sealed partial class AdmissionController : IDisposable
{
    private readonly TokenBucket _streams;
    private readonly TokenBucket _handshakes;
    private readonly GatewayOptions _options;
    private readonly Random _random;
    private readonly ConcurrencyLimiter _handshakeSlots;
    private int _queuedHandshakes;

    /// <summary>Buckets from <paramref name="options"/>, full.</summary>
    public AdmissionController(GatewayOptions options, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _random = random;
        _streams = new TokenBucket(options.ConnectRate, options.ConnectBurst, time);
        _handshakes = new TokenBucket(options.HandshakeRate, options.HandshakeBurst, time);
        _handshakeSlots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentHandshakes,
            QueueLimit = options.MaxQueuedHandshakes,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        Time = time;
    }

    /// <inheritdoc />
    public void Dispose() => _handshakeSlots.Dispose();

    internal TimeProvider Time { get; }

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
}
