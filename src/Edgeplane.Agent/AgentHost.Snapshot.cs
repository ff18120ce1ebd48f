using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Status;
using Edgeplane.Kubernetes.Health;
using Edgeplane.Protocol;
using ConditionStatus = Edgeplane.Protocol.V1.ConditionStatus;

namespace Edgeplane.Agent;

public sealed partial class AgentHost
{
    private AgentSnapshot BuildSnapshot()
    {
        var reconciled = Volatile.Read(ref _reconciled);
        var observed = reconciled?.Observation;
        return new AgentSnapshot
        {
            Cluster = Cluster,
            Conditions = WithIdentity(reconciled?.Conditions ?? []),
            Target = reconciled?.Target ?? _parts.Checkpoint.Current.Target,
            AppliedDigest = reconciled?.AppliedDigest,
            AppliedRevision = reconciled?.AppliedRevision,
            KubernetesVersion = observed?.KubernetesVersion,
            ChangeSet = observed?.ChangeSet,
            Objects = observed?.Health.Count ?? 0,
            ObjectsCurrent = observed?.Health.Count(h => h.Status == HealthStatus.Current) ?? 0,
            ObjectsFailed = observed?.Health.Count(h => h.Status == HealthStatus.Failed) ?? 0,
            Drifted = observed?.Drift.Count ?? 0,
            Link = _parts.Link.Status,
            LastStatusSequence = _parts.Outbox.LastSequence,
            LastAckedSequence = _parts.Outbox.LastAcked,
            PendingReports = _parts.Outbox.Count,
        };
    }

    /// <summary>A stalled identity (expired, renewal refused) shows as Stalled even while the reconciler carries on offline.</summary>
    private IReadOnlyList<AgentCondition> WithIdentity(IReadOnlyList<AgentCondition> conditions)
    {
        var identity = _parts.Identity.Condition;
        if (identity.Health != IdentityHealth.Stalled || conditions.Any(c => c.Type == ConditionTypes.Stalled))
        {
            return conditions;
        }
        return [.. conditions, new AgentCondition(ConditionTypes.Stalled, ConditionStatus.True, identity.Reason, identity.Message, identity.Since)];
    }
}
