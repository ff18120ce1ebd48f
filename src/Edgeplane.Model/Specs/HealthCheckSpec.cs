namespace Edgeplane.Model.Specs;

/// <summary>An object whose health tells whether an add-on is ready (the agent waits on it).</summary>
public sealed record HealthCheckSpec(string ApiVersion, string Kind, string Name, string? Namespace);
