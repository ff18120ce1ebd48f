namespace Edgeplane.Hub.Sources.Webhooks;

/// <summary>What the hub keeps of a webhook body: its HMAC-SHA256 under the webhook secret (null for GitLab, which signs nothing) and its SHA-256.</summary>
internal sealed record WebhookDigests(byte[]? Hmac, byte[] Sha256);
