namespace Edgeplane.Model.Specs;

/// <summary>The type of a ClusterTemplate parameter; written in lower case in YAML.</summary>
public enum TemplateParameterType
{
    /// <summary>A string, optionally matching a <c>pattern</c>.</summary>
    String,
    /// <summary>A whole number, optionally within <c>minimum</c> and <c>maximum</c>.</summary>
    Integer,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>One of the strings listed in <c>enum</c>.</summary>
    Enum,
}
