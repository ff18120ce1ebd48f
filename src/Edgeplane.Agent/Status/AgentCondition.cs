using Edgeplane.Protocol.V1;

namespace Edgeplane.Agent.Status;

/// <summary>
/// One condition of the agent (type <c>Ready</c>, <c>Reconciling</c> or <c>Stalled</c>; see <c>ConditionTypes</c>), with a
/// PascalCase reason from <see cref="AgentReasons"/>, a message, and when its status last changed.
/// </summary>
public sealed record AgentCondition(string Type, ConditionStatus Status, string Reason, string Message, DateTimeOffset LastTransitionTime)
{
    /// <summary>True when the status is True.</summary>
    public bool IsTrue => Status == ConditionStatus.True;

    /// <inheritdoc />
    public override string ToString() => $"{Type}={(IsTrue ? "True" : Status == ConditionStatus.False ? "False" : "Unknown")} {Reason}: {Message}";
}
