namespace Edgeplane.Hub.Sources.Webhooks;

/// <summary>Why a webhook delivery was accepted or refused (also the metric label).</summary>
internal enum WebhookVerdict
{
    Accepted,
    Disabled,
    Unsigned,
    BadSignature,
    NoDeliveryId,
    Replayed,
}
