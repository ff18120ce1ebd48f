namespace Edgeplane.Model.Yaml;

/// <summary>A scalar whose explicit tag does not match its text, e.g. <c>!!int abc</c>.</summary>
internal sealed class YamlTypeException(string message) : Exception(message);
