namespace Edgeplane.Agent.Link;

/// <summary>The hub link now: its state, why, since when, and when it dials again (while Disconnected).</summary>
public sealed record HubLinkStatus(HubLinkState State, string Message, DateTimeOffset Since, DateTimeOffset? NextAttempt = null)
{
    /// <inheritdoc />
    public override string ToString() => NextAttempt is { } next ? $"{State}: {Message} (next attempt {next:u})" : $"{State}: {Message}";
}
