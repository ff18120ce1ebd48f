namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// Where a cluster is in its life (docs/backends.md, "Lifecycle"): <c>Declared</c>, <c>Provisioning</c>,
/// <c>Provisioned</c>, <c>Joined</c>, <c>Ready</c>, <c>Failed</c> or <c>Deleting</c>, with why and since when, and when
/// each phase was first reached. A cluster the hub has not judged yet (just declared) is <c>Declared</c> with no
/// <see cref="Since"/>.
/// </summary>
/// <param name="Phase">The phase.</param>
/// <param name="Reason">Why it is in that phase, e.g. "control plane initialized on eks-eu-west (phase Provisioned)".</param>
/// <param name="Since">When it entered the phase (UTC).</param>
/// <param name="Transitions">Phase → when it was first reached (UTC).</param>
public sealed record LifecycleResponse(string Phase, string? Reason, DateTime? Since, IReadOnlyDictionary<string, DateTime> Transitions);
