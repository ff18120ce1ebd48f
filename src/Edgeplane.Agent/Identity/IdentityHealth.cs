namespace Edgeplane.Agent.Identity;

/// <summary>How usable the identity is.</summary>
public enum IdentityHealth
{
    /// <summary>The certificate is valid and renewal is on schedule.</summary>
    Ready,

    /// <summary>Renewal is failing and being retried; the certificate is still valid.</summary>
    Degraded,

    /// <summary>The agent cannot authenticate any more without a new bootstrap token.</summary>
    Stalled,
}
