using Edgeplane.Protocol.Identity;

namespace Edgeplane.Hub.Identity;

/// <summary>A token just created: the only moment its full text (with the secret) exists on the hub.</summary>
/// <param name="Token">The token to hand to the agent (<c>edgeplane agent --token</c>).</param>
/// <param name="Cluster">The cluster it is bound to.</param>
/// <param name="ExpiresAt">When it stops working if unused.</param>
internal sealed record CreatedBootstrapToken(BootstrapToken Token, ClusterId Cluster, DateTimeOffset ExpiresAt)
{
    /// <summary>The text to hand to the agent.</summary>
    public string Text => Token.Format();

    /// <summary>Without the secret, so the token never lands in a log by accident.</summary>
    public override string ToString() => $"{Token} for cluster {Cluster}, expires {ExpiresAt:u}";
}
