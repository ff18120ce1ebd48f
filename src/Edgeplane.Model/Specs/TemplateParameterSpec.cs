namespace Edgeplane.Model.Specs;

/// <summary>
/// A ClusterTemplate parameter: required, or with a default, and typed. A parameter without a <see cref="Type"/> takes
/// any string, number or boolean, as every parameter did before types existed.
/// </summary>
/// <param name="Name">What the manifests write as <c>${params.name}</c>.</param>
/// <param name="Description">Free text.</param>
/// <param name="Default">The value when a Cluster gives none; it satisfies the parameter's own rules.</param>
/// <param name="Required">A Cluster must give a value when there is no default.</param>
public sealed record TemplateParameterSpec(string Name, string? Description, VariableValue? Default, bool Required)
{
    /// <summary>The declared type, or null for an untyped parameter.</summary>
    public TemplateParameterType? Type { get; init; }

    /// <summary>For <see cref="TemplateParameterType.Enum"/>, the allowed values; empty otherwise.</summary>
    public IReadOnlyList<string> Enum { get; init; } = [];

    /// <summary>For <see cref="TemplateParameterType.String"/>, a regular expression the whole value must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>For <see cref="TemplateParameterType.Integer"/>, the smallest value allowed.</summary>
    public long? Minimum { get; init; }

    /// <summary>For <see cref="TemplateParameterType.Integer"/>, the largest value allowed.</summary>
    public long? Maximum { get; init; }
}
