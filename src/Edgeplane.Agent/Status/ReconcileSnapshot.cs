using Edgeplane.Agent.Targets;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Agent.Status;

/// <summary>
/// What the reconciler publishes after every pass, for the status side to report: conditions, the target, the bundle
/// applied (as the checkpoint records it, and the apiVersion of each of its objects when it is loaded — the two differ
/// only when the cached copy could not be read), and what was observed.
/// </summary>
internal sealed record ReconcileSnapshot(
    IReadOnlyList<AgentCondition> Conditions,
    HubTarget? Target,
    IReadOnlyDictionary<ObjectRef, string>? AppliedApiVersions,
    string? AppliedDigest,
    string? AppliedRevision,
    ClusterObservation Observation);
