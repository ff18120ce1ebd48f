namespace Edgeplane.Kubernetes.Health;

/// <summary>Bounds of <see cref="HealthChecker.WaitAsync"/>.</summary>
public sealed record HealthWaitOptions
{
    /// <summary>Longest wait for every object to become Current.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often objects that are not Current yet are read again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
