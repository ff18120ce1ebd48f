namespace Edgeplane.Model.Specs;

/// <summary>A named, versioned set of add-ons with values, assigned to scopes.</summary>
public sealed record ProfileSpec(string? Version, string? Description, IReadOnlyList<ProfileAddOnSpec> AddOns);
