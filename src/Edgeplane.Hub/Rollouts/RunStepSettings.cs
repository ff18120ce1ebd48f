namespace Edgeplane.Hub.Rollouts;

/// <summary>The engine's pacing for one step.</summary>
/// <param name="DefaultHealthTimeout">How long a member may take to become healthy when the policy has no gate.</param>
/// <param name="OfflineGrace">Under <c>offline: skip</c>, how long a link must be down before its member is left behind.</param>
/// <param name="LeadingSince">When this engine took the lead: no link counts as down for longer than that.</param>
internal sealed record RunStepSettings(TimeSpan DefaultHealthTimeout, TimeSpan OfflineGrace, DateTime LeadingSince);
