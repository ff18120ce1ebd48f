using Grpc.Core;

namespace Edgeplane.Hub.Identity;

/// <summary>Access to the authenticated agent of a gateway call.</summary>
internal static class AgentCallContext
{
    internal static readonly object PeerKey = new();

    /// <summary>
    /// The agent that <see cref="AgentAuthInterceptor"/> authenticated for this call. Throws
    /// <see cref="InvalidOperationException"/> when there is none (Enroll, or the interceptor is not registered).
    /// </summary>
    public static AgentPeer GetAgentPeer(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(PeerKey, out var peer) && peer is AgentPeer agent
            ? agent
            : throw new InvalidOperationException(
                "no authenticated agent on this call: is AgentAuthInterceptor registered (AddEdgeplaneIdentity)?");
    }
}
