using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Agent.Status;

/// <summary>
/// The live conditions. A condition's transition time moves only when its status changes (as in Kubernetes).
/// <c>Ready</c> is always present; <c>Reconciling</c> and <c>Stalled</c> only while True (kstatus' abnormal-true
/// convention), so their absence means "no".
/// </summary>
internal sealed class ConditionSet(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AgentCondition> _conditions = new(StringComparer.Ordinal);

    public void Ready(bool ready, string reason, string message) =>
        Set(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, reason, message);

    /// <summary>Sets <c>Reconciling</c> True with <paramref name="reason"/>, or removes it when <paramref name="reason"/> is null.</summary>
    public void Reconciling(string? reason, string message = "") => SetOrRemove(ConditionTypes.Reconciling, reason, message);

    /// <summary>Sets <c>Stalled</c> True with <paramref name="reason"/>, or removes it when <paramref name="reason"/> is null.</summary>
    public void Stalled(string? reason, string message = "") => SetOrRemove(ConditionTypes.Stalled, reason, message);

    /// <summary>Sets <c>NodesReady</c> (see <see cref="ConditionTypes.NodesReady"/>); null: Unknown.</summary>
    public void NodesReady(bool? ready, string reason, string message) =>
        Set(ConditionTypes.NodesReady, ready switch { true => ConditionStatus.True, false => ConditionStatus.False, null => ConditionStatus.Unknown }, reason, message);

    /// <summary>The conditions, Ready first.</summary>
    public IReadOnlyList<AgentCondition> Snapshot()
    {
        lock (_lock)
        {
            return [.. _conditions.Values.OrderBy(c => Order(c.Type)).ThenBy(c => c.Type, StringComparer.Ordinal)];
        }
    }

    public AgentCondition? Get(string type)
    {
        lock (_lock)
        {
            return _conditions.GetValueOrDefault(type);
        }
    }

    private void SetOrRemove(string type, string? reason, string message)
    {
        if (reason is not null)
        {
            Set(type, ConditionStatus.True, reason, message);
            return;
        }
        lock (_lock)
        {
            _conditions.Remove(type);
        }
    }

    private void Set(string type, ConditionStatus status, string reason, string message)
    {
        lock (_lock)
        {
            var since = _conditions.TryGetValue(type, out var old) && old.Status == status ? old.LastTransitionTime : time.GetUtcNow();
            _conditions[type] = new AgentCondition(type, status, reason, Cut(message), since);
        }
    }

    private static string Cut(string message) =>
        message.Length <= ProtocolLimits.MaxStatusMessageChars ? message : message[..(ProtocolLimits.MaxStatusMessageChars - 1)] + "…";

    private static int Order(string type) => type switch
    {
        ConditionTypes.Ready => 0,
        ConditionTypes.Reconciling => 1,
        ConditionTypes.Stalled => 2,
        _ => 3,
    };
}
