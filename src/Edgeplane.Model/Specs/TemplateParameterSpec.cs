namespace Edgeplane.Model.Specs;

/// <summary>A ClusterTemplate parameter: required, or with a default.</summary>
public sealed record TemplateParameterSpec(string Name, string? Description, VariableValue? Default, bool Required);
