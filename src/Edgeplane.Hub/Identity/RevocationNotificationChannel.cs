using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// Revocations committed by any replica (<c>edgeplane_revocations</c>, sent by <see cref="EfIdentityStore"/> inside the
/// revocation's transaction): drops the cluster's live streams on this one. A revocation missed while disconnected
/// still refuses every new call, because each call checks the shared store, so a reconnect needs nothing more.
/// </summary>
internal sealed class RevocationNotificationChannel(AgentConnectionRegistry registry) : IPostgresChannel
{
    public string Name => EfIdentityStore.RevocationChannel;

    public void OnNotification(string payload)
    {
        if (ClusterId.TryParse(payload, out var cluster, out _))
        {
            registry.Drop(cluster, GoodbyeReason.Revoked);
        }
    }

    public void OnReconnected()
    {
    }
}
