namespace Edgeplane.Model.Specs;

/// <summary>A port exposed by a network function.</summary>
public sealed record PortSpec(string Name, int Port, string Protocol);
