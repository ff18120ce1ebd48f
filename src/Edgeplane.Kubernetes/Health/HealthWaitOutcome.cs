namespace Edgeplane.Kubernetes.Health;

/// <summary>How a health wait ended.</summary>
public enum HealthWaitOutcome
{
    /// <summary>Every object became Current.</summary>
    Current,

    /// <summary>An object became Failed; the wait stopped at once.</summary>
    Failed,

    /// <summary>The timeout passed with objects still not Current.</summary>
    TimedOut,
}
