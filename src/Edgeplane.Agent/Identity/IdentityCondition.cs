namespace Edgeplane.Agent.Identity;

/// <summary>
/// The agent identity's condition, for status reports and logs. <see cref="Health"/> says whether the agent can
/// keep talking to the hub; <see cref="Reason"/> is PascalCase (see <see cref="IdentityReasons"/>).
/// </summary>
public sealed record IdentityCondition(IdentityHealth Health, string Reason, string Message, DateTimeOffset Since);

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
