namespace Edgeplane.Agent.Link;

/// <summary>Where the agent's session with the hub is.</summary>
public enum HubLinkState
{
    /// <summary>Dialling the hub (or waiting for its Welcome).</summary>
    Connecting,

    /// <summary>The session is up: targets arrive, status goes out.</summary>
    Connected,

    /// <summary>The last session ended or could not be opened; waiting to dial again.</summary>
    Disconnected,

    /// <summary>The agent no longer talks to the hub (revoked, identity stalled, incompatible protocol).</summary>
    Stopped,
}
