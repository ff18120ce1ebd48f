namespace Edgeplane.Model.Validation;

/// <summary>One cluster's Kubernetes version from one revision to the next, for <see cref="KubernetesSkew.Refusals"/>.</summary>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="Previous">The version it was at.</param>
/// <param name="Next">The version the new revision declares.</param>
/// <param name="AllowDowngrade">The new revision's <c>kubernetesUpgrade.allowDowngrade</c> for the cluster.</param>
/// <param name="Origin">Where the new version is written; the error points there.</param>
/// <param name="Note">Why <paramref name="Previous"/> counts, when it is not simply the last revision's version.</param>
public sealed record KubernetesVersionChange(string Cluster, string Previous, string Next, bool AllowDowngrade, KubernetesVersionOrigin? Origin,
    string? Note = null);
