using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Health;

/// <summary>One object's health with a human-readable reason, e.g. "InProgress: available 1/3 replicas".</summary>
public sealed record ObjectHealth(ObjectRef Object, HealthStatus Status, string Message)
{
    /// <summary>E.g. "Deployment web/api InProgress: available 1/3 replicas".</summary>
    public override string ToString() => $"{Object} {Status}: {Message}";
}
