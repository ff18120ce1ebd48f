using Edgeplane.Agent.Link;
using Edgeplane.Agent.Status;

namespace Edgeplane.Agent.Reconcile;

/// <summary>
/// The reconciler's state after a pass: conditions, the target, the bundle applied (loaded, and as the checkpoint records it —
/// the two differ only when the cached copy could not be read), and what was observed.
/// </summary>
internal sealed record ReconcileSnapshot(
    IReadOnlyList<AgentCondition> Conditions,
    HubTarget? Target,
    LoadedBundle? Applied,
    string? AppliedDigest,
    string? AppliedRevision,
    ClusterObservation Observation);
