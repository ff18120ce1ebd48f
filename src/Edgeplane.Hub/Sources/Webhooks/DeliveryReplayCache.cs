namespace Edgeplane.Hub.Sources.Webhooks;

/// <summary>
/// Remembers webhook delivery ids for <see cref="HubOptions.WebhookReplayWindow"/>, at most
/// <see cref="HubLimits.MaxRememberedDeliveries"/> of them (the oldest are forgotten first). Per process:
/// a replay sent to another replica, or after the window, is accepted, and costs one extra fetch, nothing more,
/// since a webhook only triggers a fetch and carries no state the hub trusts.
/// </summary>
internal sealed class DeliveryReplayCache(HubOptions options, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True if the id is new (and now remembered); false for a replay.</summary>
    public bool TryRemember(string deliveryId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Expire(now);
            if (_seen.ContainsKey(deliveryId))
            {
                return false;
            }
            while (_seen.Count >= options.Limits.MaxRememberedDeliveries && _order.TryDequeue(out var oldest))
            {
                _seen.Remove(oldest.Id);
            }
            _seen[deliveryId] = now;
            _order.Enqueue((deliveryId, now));
            return true;
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && now - oldest.At > options.WebhookReplayWindow)
        {
            _order.Dequeue();
            _seen.Remove(oldest.Id);
        }
    }
}
