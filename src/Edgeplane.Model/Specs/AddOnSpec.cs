namespace Edgeplane.Model.Specs;

/// <summary>A platform component (CNI, Flux, mesh, monitoring, IAM, KubeVirt…).</summary>
/// <param name="Version">Default version; profiles and scopes may override it.</param>
/// <param name="Description">Free text.</param>
/// <param name="Source">Where its objects come from.</param>
/// <param name="Namespace">Default namespace for its namespaced objects and Helm release.</param>
/// <param name="DependsOn">Add-ons that must be applied first.</param>
/// <param name="Requires">Capabilities a cluster needs to run it.</param>
/// <param name="Provides">Capabilities a cluster gains by running it (e.g. KubeVirt provides <c>kubevirt</c>).</param>
/// <param name="HealthChecks">Objects that tell when it is healthy.</param>
/// <param name="Values">Default values, the farthest layer of values.</param>
public sealed record AddOnSpec(
    string Version,
    string? Description,
    SourceSpec Source,
    string? Namespace,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Requires,
    IReadOnlyList<string> Provides,
    IReadOnlyList<HealthCheckSpec> HealthChecks,
    Values Values);
