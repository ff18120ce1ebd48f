using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>
/// One registered cluster as the store's readers see it (the REST API, a dashboard): its declaration, digests, last
/// status and availability, and the hub's convergence verdict. A read model: not tracked, not the EF entity. Times are
/// as stored (UTC; SQLite returns them unspecified).
/// </summary>
internal sealed record ClusterView
{
    public required string Name { get; init; }
    public required string Layer { get; init; }
    public string? Region { get; init; }
    public string? Site { get; init; }
    public string? Provider { get; init; }
    public string? KubernetesVersion { get; init; }

    /// <summary>Labels by key, ordered by key.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary>How a management cluster creates it; null for a cluster that exists already.</summary>
    public ProvisioningResponse? Provisioning { get; init; }
    public string? DesiredDigest { get; init; }
    public string? DesiredRevision { get; init; }
    public string? TargetDigest { get; init; }
    public string? TargetRevision { get; init; }
    public string? AppliedDigest { get; init; }
    public DateTime? LastSeen { get; init; }
    public string? ObservedKubernetesVersion { get; init; }
    public string? Health { get; init; }
    public bool Drifted { get; init; }
    public required IReadOnlyList<ClusterCondition> Conditions { get; init; }
    public long StatusSequence { get; init; }
    public string? AgentVersion { get; init; }
    public int ObjectCount { get; init; }
    public int ObjectsFailed { get; init; }
    public int ObjectsInProgress { get; init; }
    public int DriftCount { get; init; }

    /// <summary>The last status report's details as stored (JSON), read only where they are shown.</summary>
    public string? StatusDetailsJson { get; init; }

    /// <summary>Add-on versions and <c>kubernetes</c> the desired revision declares (JSON object, name → version), read only where shown.</summary>
    public string VersionsJson { get; init; } = "{}";

    /// <summary>
    /// <c>Online</c>, <c>Degraded</c>, <c>Offline</c>, <c>Unknown</c>, or null (no gateway ever saw the agent), as
    /// <see cref="LinkRule.Effective"/> decides it: never a vouched state whose hub process is gone.
    /// </summary>
    public string? Availability { get; init; }
    public DateTime? AvailabilitySince { get; init; }
    public string? AvailabilityReason { get; init; }

    /// <summary>
    /// True while a live hub process serves the cluster's agent link (<see cref="Availability"/> is Online or Degraded):
    /// the one test for "is this cluster's link live now".
    /// </summary>
    public bool LinkLive => LinkRule.IsVouched(Availability);

    /// <summary>The rollout run that holds the cluster on its last good bundle, if any.</summary>
    public long? HeldByRollout { get; init; }

    /// <summary>The hub's verdict (<see cref="ConvergenceRule"/>).</summary>
    public bool Converged { get; init; }

    /// <summary>Its lifecycle as the lifecycle monitor last judged it (Declared, not yet judged, for a cluster it has not seen).</summary>
    public required LifecycleResponse Lifecycle { get; init; }

    /// <summary>The view of a loaded entity (its labels included); <paramref name="liveInstances"/>: see <see cref="LinkRule"/>.</summary>
    public static ClusterView Of(ClusterRecord c, IReadOnlySet<string> liveInstances)
    {
        ArgumentNullException.ThrowIfNull(c);
        var (availability, reason, since) = LinkRule.Effective(c, liveInstances);
        return new ClusterView
        {
            Name = c.Name, Layer = c.Layer, Region = c.Region, Site = c.Site, Provider = c.Provider, KubernetesVersion = c.KubernetesVersion,
            Labels = c.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Value),
            Capabilities = JsonSerializer.Deserialize<List<string>>(c.CapabilitiesJson) ?? [],
            Provisioning = c.ProvisioningJson is { } provisioning ? JsonSerializer.Deserialize<ProvisioningResponse>(provisioning) : null,
            DesiredDigest = c.DesiredDigest, DesiredRevision = c.DesiredRevision,
            TargetDigest = c.TargetDigest, TargetRevision = c.TargetRevision, AppliedDigest = c.AppliedDigest,
            LastSeen = c.LastSeen, ObservedKubernetesVersion = c.ObservedKubernetesVersion, Health = c.Health, Drifted = c.Drifted,
            Conditions = JsonSerializer.Deserialize<List<ClusterCondition>>(c.ConditionsJson) ?? [],
            StatusSequence = c.StatusSequence, AgentVersion = c.AgentVersion, ObjectCount = c.ObjectCount,
            ObjectsFailed = c.ObjectsFailed, ObjectsInProgress = c.ObjectsInProgress, DriftCount = c.DriftCount,
            StatusDetailsJson = c.StatusDetailsJson, VersionsJson = c.VersionsJson,
            Availability = availability, AvailabilitySince = since, AvailabilityReason = reason,
            Converged = ConvergenceRule.IsConverged(c), HeldByRollout = c.HeldByRollout,
            Lifecycle = LifecycleOf(c),
        };
    }

    private static LifecycleResponse LifecycleOf(ClusterRecord c) => c.LifecyclePhase is { } phase
        ? new LifecycleResponse(phase, c.LifecycleReason, c.LifecycleSince is { } since ? DateTime.SpecifyKind(since, DateTimeKind.Utc) : null,
            c.LifecycleTransitionsJson is { } json ? JsonSerializer.Deserialize<SortedDictionary<string, DateTime>>(json)! : new SortedDictionary<string, DateTime>())
        : new LifecycleResponse(LifecyclePhases.Declared, "declared in Git; the hub has not judged its lifecycle yet", null, new SortedDictionary<string, DateTime>());
}
