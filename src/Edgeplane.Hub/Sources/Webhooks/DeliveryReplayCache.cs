namespace Edgeplane.Hub.Sources.Webhooks;

/// <summary>
/// Remembers what authenticated webhook deliveries carried — the provider and the sha256 of the signed body, not the
/// unsigned delivery-id header — for <see cref="HubOptions.WebhookReplayWindow"/>, at most
/// <see cref="HubLimits.MaxRememberedDeliveries"/> of them (the oldest are forgotten first). Only deliveries whose
/// signature (or GitLab token) was valid get here, so unauthenticated callers cannot evict entries. Per process: a
/// replay sent to another replica, or after the window, is accepted, and costs one extra fetch, nothing more, since a
/// webhook only triggers a fetch and carries no state the hub trusts.
/// </summary>
internal sealed class DeliveryReplayCache(HubOptions options, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True if the key is new (and now remembered); false for a replay, with when the key was first seen.</summary>
    public bool TryRemember(string key, out DateTimeOffset firstSeen)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Expire(now);
            if (_seen.TryGetValue(key, out firstSeen))
            {
                return false;
            }
            while (_seen.Count >= options.Limits.MaxRememberedDeliveries && _order.TryDequeue(out var oldest))
            {
                _seen.Remove(oldest.Key);
            }
            _seen[key] = now;
            _order.Enqueue((key, now));
            firstSeen = now;
            return true;
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && now - oldest.At > options.WebhookReplayWindow)
        {
            _order.Dequeue();
            _seen.Remove(oldest.Key);
        }
    }
}
