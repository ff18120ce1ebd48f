using System.Threading.RateLimiting;

namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>
/// A connection's answer from handshake admission. When admitted it holds one of the
/// <see cref="GatewayOptions.MaxConcurrentHandshakes"/> slots until disposed: right after the TLS handshake completes,
/// or when it fails, times out or the connection closes. Disposing more than once frees the slot once.
/// </summary>
internal sealed class HandshakeTicket : IDisposable
{
    private readonly Action<TimeSpan>? _released;
    private readonly TimeProvider? _time;
    private readonly long _admittedAt;
    private RateLimitLease? _lease;

    internal HandshakeTicket(HandshakeOutcome outcome)
    {
        Outcome = outcome;
    }

    internal HandshakeTicket(RateLimitLease lease, TimeProvider time, Action<TimeSpan> released)
    {
        Outcome = HandshakeOutcome.Admitted;
        _lease = lease;
        _time = time;
        _released = released;
        _admittedAt = time.GetTimestamp();
    }

    /// <summary>Why the wait ended.</summary>
    public HandshakeOutcome Outcome { get; }

    /// <summary>True when the connection may do its handshake.</summary>
    public bool Admitted => Outcome == HandshakeOutcome.Admitted;

    /// <summary>Frees the slot (once) and reports how long it was held.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            lease.Dispose();
            _released!(_time!.GetElapsedTime(_admittedAt));
        }
    }
}
