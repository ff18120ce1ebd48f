namespace Edgeplane.Agent.Identity;

/// <summary>The server the agent reached could not be proven to be its hub; nothing secret was sent to it.</summary>
public sealed class HubTrustException(string message) : Exception(message);
