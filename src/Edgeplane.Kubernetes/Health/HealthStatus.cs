namespace Edgeplane.Kubernetes.Health;

/// <summary>An object's health, after kstatus.</summary>
public enum HealthStatus
{
    /// <summary>The object exists and its controller reports the desired state reached.</summary>
    Current,

    /// <summary>Still converging (or the status is for an older generation).</summary>
    InProgress,

    /// <summary>Converging failed and will not recover by itself (e.g. ProgressDeadlineExceeded, a failed Job).</summary>
    Failed,

    /// <summary>The object does not exist.</summary>
    NotFound,

    /// <summary>The object could not be read; the message says why.</summary>
    Unknown,
}
