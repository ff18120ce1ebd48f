namespace Edgeplane.Model.Specs;

/// <summary>A wave continues only when at least <paramref name="MinHealthyPercent"/> of its clusters are healthy within <paramref name="Timeout"/>.</summary>
public sealed record HealthGateSpec(string Name, int MinHealthyPercent, TimeSpan Timeout)
{
    /// <summary>
    /// When true, a member is healthy only once its agent also reports the Kubernetes server version the fleet declares
    /// for it (and Ready nodes): the gate of a Kubernetes upgrade.
    /// </summary>
    public bool RequireKubernetesVersion { get; init; }
}
