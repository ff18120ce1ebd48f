using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Hosting;

/// <summary>In-process events of the pipeline, for logs and for tests that await an outcome instead of sleeping.</summary>
internal sealed class HubActivity
{
    /// <summary>A fetch finished: the head it found, or the error.</summary>
    public event Action<string?, string?>? Fetched;

    /// <summary>A revision reached a final state (Applied, Failed or Held).</summary>
    public event Action<string, RevisionState>? RevisionProcessed;

    /// <summary>The source poller started waiting for its interval or a webhook (tests advance a fake clock after this).</summary>
    public event Action? PollerWaiting;

    internal void OnPollerWaiting() => PollerWaiting?.Invoke();

    internal void OnFetched(string? head, string? error) => Fetched?.Invoke(head, error);

    internal void OnRevisionProcessed(string sha, RevisionState state) => RevisionProcessed?.Invoke(sha, state);
}
