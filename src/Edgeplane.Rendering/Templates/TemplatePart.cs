namespace Edgeplane.Rendering.Templates;

/// <summary>Either literal text or the name of a variable.</summary>
internal readonly record struct TemplatePart(string? Literal, string? Variable);
