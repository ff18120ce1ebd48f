using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Targets;

/// <summary>
/// Relays every replica's committed target changes (<see cref="TargetNotification"/>) into the local feed; after a lost
/// LISTEN connection tells subscribers to resync, since notifications sent meanwhile are gone.
/// </summary>
internal sealed class TargetNotificationChannel(ClusterTargetFeed feed) : IPostgresChannel
{
    public string Name => TargetNotification.Channel;

    public void OnNotification(string payload) => feed.Publish(TargetNotification.Decode(payload).ToList());

    public void OnReconnected() => feed.SignalResync();
}
