namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// What <see cref="RevisionPlanner"/> needs to judge deletions inside clusters and workspaces.
/// </summary>
/// <param name="MaxDeletionShare">Hold when more than this share (0–1) of a cluster's objects would be deleted.</param>
/// <param name="Before">
/// The object identities of the current desired bundles, by digest: at least those
/// <see cref="RevisionPlanner.DigestsToCompare"/> names. A digest left out is not compared.
/// </param>
/// <param name="WorkspacesBefore">Applications per workspace at the last applied revision; null when not recorded.</param>
/// <param name="WorkspacesNow">Applications per workspace in this revision; null when the compiler does not know them.</param>
internal sealed record DeletionReview(
    double MaxDeletionShare,
    IReadOnlyDictionary<string, ObjectIdentitySet> Before,
    IReadOnlyDictionary<string, int>? WorkspacesBefore,
    IReadOnlyDictionary<string, int>? WorkspacesNow)
{
    /// <summary>
    /// For each cluster whose Cluster API objects leave its management cluster's bundle
    /// (<see cref="RevisionPlanner.Deprovisioned"/>), their deletion policy as that bundle writes it (null: unknown).
    /// </summary>
    public IReadOnlyDictionary<string, Edgeplane.Model.Specs.DeletionPolicy?> ProvisionedPolicies { get; init; } =
        new Dictionary<string, Edgeplane.Model.Specs.DeletionPolicy?>();
}
