namespace Edgeplane.Model.Specs;

/// <summary>Per-target values and variables of an application or network function, applied in the order written.</summary>
public sealed record OverrideSpec(PlacementSpec Target, Values Values, IReadOnlyDictionary<string, VariableValue> Variables);
