using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Api;

/// <summary>Store records → API contracts.</summary>
internal static class ContractMapping
{
    public static ClusterResponse ToResponse(this ClusterView c, DateTime offlineBefore) => new(
        c.Name, c.Layer, c.Region, c.Site, c.Provider, c.KubernetesVersion,
        c.Labels,
        c.Capabilities,
        new DigestRef(c.DesiredDigest, c.DesiredRevision),
        new DigestRef(c.TargetDigest, c.TargetRevision),
        c.AppliedDigest,
        InSync: c.AppliedDigest is not null && c.AppliedDigest == c.TargetDigest,
        Offline: IsOffline(c, offlineBefore),
        new ClusterStatusResponse(Utc(c.LastSeen), c.Health, c.Drifted, c.ObservedKubernetesVersion, c.Conditions),
        new AgentConnectionResponse(c.Availability ?? (IsOffline(c, offlineBefore) ? "Offline" : "Unknown"), Utc(c.AvailabilitySince),
            c.AvailabilityReason, c.AgentVersion, Utc(c.LastSeen), c.StatusSequence),
        new ObjectHealthSummaryResponse(c.ObjectCount, c.ObjectsFailed, c.ObjectsInProgress, c.DriftCount),
        Converged: c.Converged) { HeldByRollout = c.HeldByRollout, Provisioning = c.Provisioning, Lifecycle = c.Lifecycle };

    /// <summary>
    /// Offline as the gateway decided it; for a cluster no gateway ever tracked, no status report since
    /// <paramref name="offlineBefore"/> (the same rule as the fleet summary).
    /// </summary>
    public static bool IsOffline(ClusterView c, DateTime offlineBefore) => ClusterStateRule.IsOffline(c.Availability, c.LastSeen, offlineBefore);

    public static AgentStatusDetails? StatusDetails(this ClusterView c) =>
        c.StatusDetailsJson is { } json ? JsonSerializer.Deserialize<AgentStatusDetails>(json, DetailsJson) : null;

    /// <summary>The add-on versions (and <c>kubernetes</c>) the desired revision declares for the cluster.</summary>
    public static IReadOnlyDictionary<string, string> Versions(this ClusterView c) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(c.VersionsJson) ?? [];

    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    public static RevisionResponse ToResponse(this RevisionView r) => new(
        r.Sha, r.Author, r.Message, Utc(r.CommittedAt), Utc(r.FetchedAt), Utc(r.ProcessedAt), r.State, r.Reason, r.RewroteFrom,
        r.ClusterCount, r.ChangedClusterCount, r.ApprovedBy,
        r.Errors.Select(e => new RevisionErrorResponse(e.File, e.Line, e.Column, e.Code, e.Message)).ToList());

    public static AuditEntryResponse ToResponse(this AuditView a) =>
        new(a.Id, Utc(a.Time), a.Actor, a.Action, a.Target, a.Outcome, a.Details)
        {
            Credential = a.Credential,
            Source = a.Source,
            Workspace = a.Workspace,
        };

    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
