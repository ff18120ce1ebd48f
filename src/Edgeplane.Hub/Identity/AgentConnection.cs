using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// One live agent stream in the <see cref="AgentConnectionRegistry"/>. <see cref="Token"/> is cancelled when the
/// call ends, when the certificate the stream was opened with expires, or when the cluster is dropped (revoked).
/// Dispose it when the stream ends.
/// </summary>
internal sealed class AgentConnection : IDisposable
{
    private readonly AgentConnectionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenRegistration _callAborted;
    private int _reason = -1;

    internal AgentConnection(AgentConnectionRegistry registry, AgentPeer peer, TimeProvider time, CancellationToken callAborted)
    {
        _registry = registry;
        _time = time;
        Peer = peer;
        var left = peer.NotAfter - time.GetUtcNow();
        _cts = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        _callAborted = callAborted.UnsafeRegister(static s => ((AgentConnection)s!).Cancel(), this);
    }

    /// <summary>The authenticated agent.</summary>
    public AgentPeer Peer { get; }

    /// <summary>Cancelled when the stream must end.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>
    /// Why the hub ended the stream, to send in a Goodbye: the reason given to <see cref="AgentConnectionRegistry.Drop"/>,
    /// or <see cref="GoodbyeReason.CertificateExpired"/> when the certificate ran out. Null while open, or when the
    /// call itself ended (the client went away).
    /// </summary>
    public GoodbyeReason? EndReason
    {
        get
        {
            var reason = Volatile.Read(ref _reason);
            if (reason >= 0)
            {
                return (GoodbyeReason)reason;
            }
            return Token.IsCancellationRequested && _time.GetUtcNow() >= Peer.NotAfter ? GoodbyeReason.CertificateExpired : null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _registry.Remove(this);
        _callAborted.Dispose();
        _cts.Dispose();
    }

    internal void End(GoodbyeReason reason)
    {
        Interlocked.CompareExchange(ref _reason, (int)reason, -1);
        Cancel();
    }

    private void Cancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: the stream is over already.
        }
    }
}
