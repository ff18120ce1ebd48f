namespace Edgeplane.Model.Specs;

/// <summary>A per-scope change to one add-on: turn it on or off, pin its version, layer values over it.</summary>
/// <param name="Enabled">True adds the add-on even if no profile brings it; false removes it; null leaves it.</param>
/// <param name="Version">Replaces the version, nearest scope wins; null leaves it.</param>
/// <param name="Values">Deep-merged over the values of farther scopes.</param>
public sealed record AddOnOverrideSpec(bool? Enabled, string? Version, Values Values);
