namespace Edgeplane.Hub.Plans;

/// <summary>
/// Everything one good revision changes, decided before the store is touched so the write is one transaction.
/// </summary>
/// <param name="RevisionId">The revision being applied.</param>
/// <param name="Sha">Its commit.</param>
/// <param name="Declared">Every cluster the revision declares.</param>
/// <param name="DesiredChanges">Clusters whose desired bundle changes, with the new bundle.</param>
/// <param name="NewBundles">Compressed bundles to store (the store skips digests it already has).</param>
/// <param name="Removed">Clusters in the store that the revision no longer declares.</param>
internal sealed record RevisionPlan(
    long RevisionId,
    string Sha,
    IReadOnlyList<DeclaredCluster> Declared,
    IReadOnlyList<DesiredChange> DesiredChanges,
    IReadOnlyList<StoredBundle> NewBundles,
    IReadOnlyList<string> Removed)
{
    /// <summary>Applications per workspace at this revision, recorded with it for the next revision's hold check; null: unknown.</summary>
    public IReadOnlyDictionary<string, int>? WorkspaceApplications { get; init; }

    /// <summary>The Rollout resources of this revision; none: every change reaches its cluster at once.</summary>
    public IReadOnlyList<RolloutDeclaration> Rollouts { get; init; } = [];

    /// <summary>The revision's workspaces, stored as the workspace directory; null: unknown (the stored directory is kept).</summary>
    public IReadOnlyList<DeclaredWorkspace>? Workspaces { get; init; }

    /// <summary>Workspaces the revision rejected, with their violations (stored as the revision's errors and audited).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Edgeplane.Model.Diagnostics.Diagnostic>> Rejections { get; init; } =
        new Dictionary<string, IReadOnlyList<Edgeplane.Model.Diagnostics.Diagnostic>>();
}

/// <summary>A Rollout resource of a revision.</summary>
internal sealed record RolloutDeclaration(string Name, Edgeplane.Model.Specs.RolloutSpec Spec);

/// <summary>One cluster's new desired bundle.</summary>
internal sealed record DesiredChange(string Cluster, string Digest, string ContentDigest, int ObjectCount);

/// <summary>A compressed bundle ready to store, with its objects' identities (<c>ObjectIdentitySet.ToBytes</c>) when known.</summary>
internal sealed record StoredBundle(string Digest, string ContentDigest, string Encoding, byte[] Data, int Size, int ObjectCount,
    byte[]? ObjectIdentities = null);
