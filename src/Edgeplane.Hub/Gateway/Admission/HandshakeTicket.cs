using System.Threading.RateLimiting;

namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>
/// A connection's answer from handshake admission. When admitted it holds one of the
/// <see cref="GatewayOptions.MaxConcurrentHandshakes"/> slots until disposed: right after the TLS handshake completes,
/// or when it fails, times out or the connection closes. Disposing more than once frees the slot once.
/// </summary>
public sealed class HandshakeTicket : IDisposable
{
    private RateLimitLease? _lease;

    internal HandshakeTicket(HandshakeOutcome outcome, RateLimitLease? lease)
    {
        Outcome = outcome;
        _lease = lease;
    }

    /// <summary>Why the wait ended.</summary>
    public HandshakeOutcome Outcome { get; }

    /// <summary>True when the connection may do its handshake.</summary>
    public bool Admitted => Outcome == HandshakeOutcome.Admitted;

    /// <summary>Frees the slot (once).</summary>
    public void Dispose() => Interlocked.Exchange(ref _lease, null)?.Dispose();
}
