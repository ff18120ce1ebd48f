namespace Edgeplane.Hub.Rollouts;

/// <summary>A decision of the engine, for the audit log: <c>rollout.wave</c>, <c>rollout.move</c>, <c>rollout.rollback</c>, ...</summary>
internal sealed record RolloutEvent(string Action, string Target, string Outcome, string Details);
