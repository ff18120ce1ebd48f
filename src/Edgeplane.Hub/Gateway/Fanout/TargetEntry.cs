namespace Edgeplane.Hub.Gateway.Fanout;

/// <summary>
/// A cluster's current target as the gateway holds it (immutable, replaced whole), and the digests it had just
/// before, which an agent still downloading may fetch.
/// </summary>
/// <param name="Digest">The target digest; null when nothing is targeted (or the cluster was removed).</param>
/// <param name="Revision">The fleet revision it came from.</param>
/// <param name="Generation">The stored target generation (increases with every change).</param>
/// <param name="Recent">Earlier target digests, newest first, at most <see cref="GatewayOptions.RecentTargetsPerCluster"/>.</param>
internal sealed record TargetEntry(string? Digest, string? Revision, long Generation, IReadOnlyList<string> Recent)
{
    /// <summary>True when the cluster may fetch <paramref name="digest"/>: its current or a recent target.</summary>
    public bool Allows(string digest) =>
        string.Equals(Digest, digest, StringComparison.Ordinal) || Recent.Contains(digest, StringComparer.Ordinal);
}
