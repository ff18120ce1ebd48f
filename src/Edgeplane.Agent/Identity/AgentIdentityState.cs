namespace Edgeplane.Agent.Identity;

/// <summary>
/// The live holder of the agent's credentials and identity condition. Renewal swaps the credentials whole; the hub
/// link listens to <see cref="CredentialsChanged"/> to open new connections with the new certificate.
/// </summary>
public sealed class AgentIdentityState
{
    private AgentCredentials _current;
    private IdentityCondition _condition;

    /// <summary>Starts from loaded or freshly enrolled credentials.</summary>
    public AgentIdentityState(AgentCredentials initial, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(time);
        _current = initial;
        _condition = new IdentityCondition(IdentityHealth.Ready, IdentityReasons.CertificateValid,
            $"certificate for cluster '{initial.Cluster}' valid until {initial.NotAfter:u}", time.GetUtcNow());
    }

    /// <summary>Raised after new credentials are stored.</summary>
    public event EventHandler<AgentCredentials>? CredentialsChanged;

    /// <summary>Raised when the condition changes.</summary>
    public event EventHandler<IdentityCondition>? ConditionChanged;

    /// <summary>The credentials to use now.</summary>
    public AgentCredentials Current => Volatile.Read(ref _current);

    /// <summary>The identity condition now.</summary>
    public IdentityCondition Condition => Volatile.Read(ref _condition);

    internal void Replace(AgentCredentials credentials)
    {
        Volatile.Write(ref _current, credentials);
        CredentialsChanged?.Invoke(this, credentials);
    }

    internal void SetCondition(IdentityCondition condition)
    {
        Volatile.Write(ref _condition, condition);
        ConditionChanged?.Invoke(this, condition);
    }
}
