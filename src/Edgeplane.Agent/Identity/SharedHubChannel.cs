using Grpc.Net.Client;

namespace Edgeplane.Agent.Identity;

/// <summary>
/// The agent's one gRPC channel to the hub, for the current credentials: the link's sessions and the bundle fetches share
/// its HTTP/2 connection. After a renewal the next caller gets a new channel (an open connection keeps the identity it was
/// opened with).
/// </summary>
internal sealed class SharedHubChannel(Uri hub, AgentIdentityState identity, TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private GrpcChannel? _channel;
    private AgentCredentials? _credentials;

    /// <summary>The hub gateway.</summary>
    public Uri Hub => hub;

    /// <summary>A channel with the current credentials.</summary>
    public GrpcChannel Current()
    {
        var credentials = identity.Current;
        lock (_lock)
        {
            if (_channel is null || !ReferenceEquals(_credentials, credentials))
            {
                _channel?.Dispose();
                _channel = HubChannels.Create(hub, credentials, time);
                _credentials = credentials;
            }
            return _channel;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _channel?.Dispose();
            _channel = null;
        }
    }
}
