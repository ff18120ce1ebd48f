namespace Edgeplane.Kubernetes.Health;

/// <summary>The end of a health wait: the outcome, each object's last health, and how long it took.</summary>
public sealed record HealthWaitResult(HealthWaitOutcome Outcome, IReadOnlyList<ObjectHealth> Objects, TimeSpan Elapsed)
{
    /// <summary>The objects that kept the wait from ending Current.</summary>
    public IEnumerable<ObjectHealth> NotCurrent => Objects.Where(o => o.Status != HealthStatus.Current);
}
