namespace Edgeplane.Model.Specs;

/// <summary>A wave continues only when at least <paramref name="MinHealthyPercent"/> of its clusters are healthy within <paramref name="Timeout"/>.</summary>
public sealed record HealthGateSpec(string Name, int MinHealthyPercent, TimeSpan Timeout);
