namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// The answer (200) to a webhook whose signed body was already accepted within the replay window: nothing was done.
/// A 2xx, so senders neither retry it nor count it as a failure (GitLab disables hooks that keep failing).
/// </summary>
public sealed record WebhookDuplicateResponse(string Outcome, string Detail, DateTimeOffset FirstReceivedAt);
