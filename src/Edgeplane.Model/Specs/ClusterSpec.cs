namespace Edgeplane.Model.Specs;

/// <summary>A managed cluster: where it sits in the hierarchy, how it runs, and its own (nearest) settings.</summary>
/// <param name="Layer">One of the Fleet's layers.</param>
/// <param name="Region">One of the Fleet's regions.</param>
/// <param name="Site">A site of <paramref name="Region"/>, or null.</param>
/// <param name="Provider">Backend.</param>
/// <param name="Capabilities">What the cluster can do, e.g. <c>kubevirt</c>, <c>sriov</c>.</param>
/// <param name="Settings">The cluster's own settings; <c>metadata.labels</c> are its labels.</param>
/// <param name="Provisioning">How the management cluster creates it, if it does.</param>
public sealed record ClusterSpec(
    string Layer,
    string Region,
    string? Site,
    ClusterProvider Provider,
    IReadOnlyList<string> Capabilities,
    ScopeSpec Settings,
    ProvisioningSpec? Provisioning);
