namespace Edgeplane.Model.Specs;

/// <summary>One add-on of a profile, with an optional version pin and values.</summary>
public sealed record ProfileAddOnSpec(string Name, string? Version, Values Values);
