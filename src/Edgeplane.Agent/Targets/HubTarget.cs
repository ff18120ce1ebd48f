namespace Edgeplane.Agent.Targets;

/// <summary>
/// What the hub says the cluster should run: a bundle digest (empty = nothing targeted yet; the agent keeps what it has),
/// the fleet revision it was rendered from, and the target's generation (increasing per cluster; older ones are ignored).
/// </summary>
public sealed record HubTarget(string Digest, string Revision, ulong Generation)
{
    /// <summary>True when the hub has no bundle for the cluster.</summary>
    public bool IsEmpty => Digest.Length == 0;
}
