using System.Collections.Concurrent;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Gateway.Sessions;

/// <summary>
/// The one current Connect session per cluster on this hub process: where fan-out finds the stream to push a target
/// to. A newer session of the same cluster replaces the older, which ends with Goodbye SUPERSEDED.
/// </summary>
internal sealed class SessionTable
{
    private readonly ConcurrentDictionary<string, ConnectSession> _byCluster = new(StringComparer.Ordinal);

    /// <summary>Clusters with a current session.</summary>
    public int Count => _byCluster.Count;

    /// <summary>The current session of <paramref name="cluster"/>, or null.</summary>
    public ConnectSession? Find(string cluster) => _byCluster.GetValueOrDefault(cluster);

    /// <summary>Makes <paramref name="session"/> current for its cluster and ends the one it replaces.</summary>
    internal void Attach(ConnectSession session)
    {
        while (true)
        {
            if (_byCluster.TryGetValue(session.Cluster, out var old))
            {
                if (_byCluster.TryUpdate(session.Cluster, session, old))
                {
                    old.End(GoodbyeReason.Superseded);
                    return;
                }
            }
            else if (_byCluster.TryAdd(session.Cluster, session))
            {
                return;
            }
        }
    }

    /// <summary>Removes <paramref name="session"/> if it is still the current one.</summary>
    internal void Detach(ConnectSession session) =>
        _byCluster.TryRemove(new KeyValuePair<string, ConnectSession>(session.Cluster, session));

    /// <summary>Ends every session (hub shutdown).</summary>
    internal void EndAll(GoodbyeReason reason)
    {
        foreach (var session in _byCluster.Values)
        {
            session.End(reason);
        }
    }
}
