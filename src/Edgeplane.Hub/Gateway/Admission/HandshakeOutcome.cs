namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>How a new gateway connection's wait for a TLS handshake slot ended.</summary>
internal enum HandshakeOutcome
{
    /// <summary>The connection holds a slot and may do its handshake now.</summary>
    Admitted,

    /// <summary>Already <see cref="GatewayOptions.MaxQueuedHandshakes"/> connections were waiting: closed at once.</summary>
    QueueFull,

    /// <summary>No slot within <see cref="GatewayOptions.MaxHandshakeWait"/> (or the rate cap said so up front): closed.</summary>
    WaitExceeded,

    /// <summary>The connection went away while it waited.</summary>
    Closed,
}
