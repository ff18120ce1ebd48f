namespace Edgeplane.Kubernetes.Drift;

/// <summary>What to do about drift a check finds.</summary>
public enum DriftPolicy
{
    /// <summary>Re-apply drifted objects and recreate missing ones.</summary>
    Correct,

    /// <summary>Only report; change nothing.</summary>
    Report,
}
