namespace Edgeplane.Agent.Link;

/// <summary>The settings of <see cref="HubLink"/>, taken from <c>AgentOptions</c> (documented there).</summary>
internal sealed record HubLinkOptions(
    Uri Hub,
    string AgentVersion,
    TimeSpan ReconnectInitialDelay,
    TimeSpan ReconnectMaxDelay,
    double JitterFraction,
    TimeSpan DefaultHeartbeatInterval,
    TimeSpan WelcomeTimeout);
