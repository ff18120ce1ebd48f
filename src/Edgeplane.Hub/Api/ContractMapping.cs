using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Api;

/// <summary>Store records → API contracts.</summary>
internal static class ContractMapping
{
    public static ClusterResponse ToResponse(this ClusterRecord c, DateTime offlineBefore) => new(
        c.Name, c.Layer, c.Region, c.Site, c.Provider, c.KubernetesVersion,
        c.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Value),
        JsonSerializer.Deserialize<List<string>>(c.CapabilitiesJson) ?? [],
        new DigestRef(c.DesiredDigest, c.DesiredRevision),
        new DigestRef(c.TargetDigest, c.TargetRevision),
        c.AppliedDigest,
        InSync: c.AppliedDigest is not null && c.AppliedDigest == c.TargetDigest,
        Offline: c.LastSeen is null || c.LastSeen < offlineBefore,
        new ClusterStatusResponse(Utc(c.LastSeen), c.Health, c.Drifted, c.ObservedKubernetesVersion,
            JsonSerializer.Deserialize<List<ClusterCondition>>(c.ConditionsJson) ?? []));

    public static RevisionResponse ToResponse(this RevisionRecord r) => new(
        r.Sha, r.Author, r.Message, Utc(r.CommittedAt), Utc(r.FetchedAt), Utc(r.ProcessedAt), r.State, r.Reason, r.RewroteFrom,
        r.ClusterCount, r.ChangedClusterCount, r.ApprovedBy,
        r.Errors.Select(e => new RevisionErrorResponse(e.File, e.Line, e.Column, e.Code, e.Message)).ToList());

    public static AuditEntryResponse ToResponse(this AuditEntry a) =>
        new(a.Id, Utc(a.Time), a.Actor, a.Action, a.Target, a.Outcome, a.Details);

    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
