namespace Edgeplane.Agent.Link;

/// <summary>How a session with the hub ended, and what the link does next.</summary>
internal sealed record SessionEnd(SessionEndKind Kind, string Message, TimeSpan? RetryAfter = null, bool Welcomed = false);

/// <summary>The link's next move after a session.</summary>
internal enum SessionEndKind
{
    /// <summary>Dial again after the back-off (which doubles).</summary>
    Failed,

    /// <summary>Dial again after the hub's retry hint plus jitter.</summary>
    RetryAfter,

    /// <summary>Dial again soon with the current (renewed) certificate.</summary>
    Reconnect,

    /// <summary>The hub does not speak this protocol version: keep trying at the longest back-off.</summary>
    Unsupported,

    /// <summary>The cluster was revoked: stop talking to the hub.</summary>
    Revoked,
}
