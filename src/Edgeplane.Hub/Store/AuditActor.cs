namespace Edgeplane.Hub.Store;

/// <summary>
/// Who an audit entry names: the subject (<c>user:ana@example.com</c>, <c>token:admin</c>, <c>hub</c>), the credential
/// that proved it (<c>token:&lt;id&gt;</c>, <c>oidc:&lt;sub&gt;</c>) and the network address it came from.
/// </summary>
internal sealed record AuditActor(string Subject, string? Credential = null, string? Source = null)
{
    /// <summary>Longest stored subject.</summary>
    public const int MaxSubject = 128;

    /// <summary>Longest stored credential.</summary>
    public const int MaxCredential = 160;

    /// <summary>Longest stored source address.</summary>
    public const int MaxSource = 64;

    /// <summary>Longest stored workspace name (a DNS label).</summary>
    public const int MaxWorkspace = 63;

    /// <summary>The hub itself (revision processing, fetches).</summary>
    public static AuditActor Hub { get; } = new("hub");

    /// <summary>The rollout engine's decisions.</summary>
    public static AuditActor RolloutEngine { get; } = new("rollout-engine");

    /// <inheritdoc />
    public override string ToString() => Subject;
}
