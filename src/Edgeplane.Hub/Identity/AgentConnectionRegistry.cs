using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// The live agent streams of this hub process, by cluster. The gateway opens a connection for every Connect (and
/// FetchBundle) call and ends the call when its token is cancelled; revocation drops every stream of the cluster at
/// once. Other hub replicas hold their own registry: a revocation must reach them through the store's change
/// notifications and their own <see cref="Drop"/>.
/// </summary>
internal sealed partial class AgentConnectionRegistry(
    AgentCertificateValidator validator,
    TimeProvider time,
    ILogger<AgentConnectionRegistry> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ClusterId, List<AgentConnection>> _byCluster = [];

    /// <summary>Live streams on this process.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byCluster.Values.Sum(l => l.Count);
            }
        }
    }

    /// <summary>
    /// Registers a live stream of <paramref name="peer"/>, then checks the store once more, so a revocation that
    /// committed between authentication and registration is not missed (it throws <see cref="IdentityException"/>).
    /// </summary>
    public async Task<AgentConnection> OpenAsync(AgentPeer peer, CancellationToken callAborted)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var connection = new AgentConnection(this, peer, time, callAborted);
        lock (_lock)
        {
            if (!_byCluster.TryGetValue(peer.Cluster, out var list))
            {
                _byCluster[peer.Cluster] = list = [];
            }
            list.Add(connection);
        }
        try
        {
            await validator.RecheckAsync(peer, callAborted).ConfigureAwait(false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    /// <summary>Live streams of one cluster on this process.</summary>
    public int CountFor(ClusterId cluster)
    {
        lock (_lock)
        {
            return _byCluster.TryGetValue(cluster, out var list) ? list.Count : 0;
        }
    }

    /// <summary>Ends every live stream of <paramref name="cluster"/> on this process; returns how many.</summary>
    public int Drop(ClusterId cluster, GoodbyeReason reason)
    {
        List<AgentConnection> dropped;
        lock (_lock)
        {
            dropped = _byCluster.TryGetValue(cluster, out var list) ? [.. list] : [];
        }
        // Cancel outside the lock: cancellation callbacks run inline and may dispose (and so unregister) connections.
        foreach (var connection in dropped)
        {
            connection.End(reason);
        }
        if (dropped.Count > 0)
        {
            LogDropped(logger, cluster.Value, dropped.Count, reason);
        }
        return dropped.Count;
    }

    internal void Remove(AgentConnection connection)
    {
        lock (_lock)
        {
            if (_byCluster.TryGetValue(connection.Peer.Cluster, out var list) && list.Remove(connection) && list.Count == 0)
            {
                _byCluster.Remove(connection.Peer.Cluster);
            }
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Dropped {Count} live stream(s) of cluster {Cluster}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string cluster, int count, GoodbyeReason reason);
}
