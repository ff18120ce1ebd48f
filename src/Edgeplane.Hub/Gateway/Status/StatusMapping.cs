using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Gateway.Status;

/// <summary>
/// A wire status report → what the store keeps. Refuses malformed reports with the field at fault (InvalidArgument);
/// cuts long text and lists to the documented bounds. Health is summarised as <c>Degraded</c> (an object or the apply
/// failed, or the agent is Stalled), <c>Progressing</c> (objects in progress or the agent is Reconciling),
/// <c>Healthy</c> (Ready, or every object Current) or <c>Unknown</c>.
/// </summary>
internal static class StatusMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ClusterStatusReport ToStored(string cluster, StatusReport report, DateTimeOffset receivedAt)
    {
        Validate(report);
        var failed = report.Objects.Count(o => o.Status == HealthStatus.Failed);
        var inProgress = report.Objects.Count(o => o.Status == HealthStatus.InProgress);
        var conditions = report.Conditions
            .Select(c => new ClusterCondition(Cut(c.Type, 64)!, ConditionText(c.Status), Cut(c.Reason, 128), Cut(c.Message, ProtocolLimits.MaxStatusMessageChars)))
            .Take(16).ToList();
        return new ClusterStatusReport(cluster, (long)report.Sequence, receivedAt.UtcDateTime, Empty(report.AppliedDigest),
            Cut(Empty(report.KubernetesVersion), 32), Health(report, failed, inProgress), report.Drift.Count > 0, conditions)
        {
            AgentVersion = Cut(Empty(report.AgentVersion), 64),
            ObjectCount = report.Objects.Count + (int)Math.Min(report.TruncatedObjects, int.MaxValue / 2),
            ObjectsFailed = failed,
            ObjectsInProgress = inProgress,
            DriftCount = report.Drift.Count,
            DetailsJson = JsonSerializer.Serialize(Details(report), Json),
            Provisioned = report.ProvisionedClusters.Select(Provisioned).ToList(),
            ProvisionedComplete = report.TruncatedObjects == 0,
        };
    }

    /// <summary>True when the report says something failed (the availability rules make such a cluster Degraded).</summary>
    public static bool IsFailing(ClusterStatusReport report) => report.Health == "Degraded";

    private static void Validate(StatusReport report)
    {
        if (report.Sequence == 0 || report.Sequence > long.MaxValue)
        {
            throw Invalid($"status report sequence {report.Sequence} is out of range; sequences start at 1");
        }
        foreach (var (name, digest) in new[] { ("applied_digest", report.AppliedDigest), ("target_digest", report.TargetDigest) })
        {
            if (digest.Length > 0 && !BundleDigest.IsValid(digest))
            {
                throw Invalid($"status report {report.Sequence}: {name} '{Cut(digest, 80)}' is not {BundleDigest.Syntax}");
            }
        }
        if (report.ProvisionedClusters.Count > ProtocolLimits.MaxProvisionedClustersPerStatus
            || report.ProvisionedClusters.Any(p => p.Conditions.Count > ProtocolLimits.MaxConditionsPerProvisionedCluster))
        {
            throw Invalid($"status report {report.Sequence} has {report.ProvisionedClusters.Count} provisioned cluster(s) with up to "
                + $"{report.ProvisionedClusters.Select(p => p.Conditions.Count).DefaultIfEmpty().Max()} condition(s) each; the limits are "
                + $"{ProtocolLimits.MaxProvisionedClustersPerStatus} and {ProtocolLimits.MaxConditionsPerProvisionedCluster}");
        }
        if (report.Objects.Count > ProtocolLimits.MaxObjectsPerStatus || report.Drift.Count > ProtocolLimits.MaxDriftEntriesPerStatus)
        {
            throw Invalid($"status report {report.Sequence} has {report.Objects.Count} object(s) and {report.Drift.Count} drift entr(ies); " +
                $"the limits are {ProtocolLimits.MaxObjectsPerStatus} and {ProtocolLimits.MaxDriftEntriesPerStatus}");
        }
    }

    private static string Health(StatusReport report, int failed, int inProgress)
    {
        bool Is(string type, ConditionStatus status) => report.Conditions.Any(c => c.Type == type && c.Status == status);
        if (failed > 0 || report.ChangeSet?.Failed > 0 || Is(ConditionTypes.Stalled, ConditionStatus.True))
        {
            return "Degraded";
        }
        if (inProgress > 0 || Is(ConditionTypes.Reconciling, ConditionStatus.True))
        {
            return "Progressing";
        }
        if (Is(ConditionTypes.Ready, ConditionStatus.True) || (report.Objects.Count > 0 && report.Objects.All(o => o.Status == HealthStatus.Current)))
        {
            return "Healthy";
        }
        return "Unknown";
    }

    private static AgentStatusDetails Details(StatusReport report)
    {
        var c = report.ChangeSet ?? new ChangeSetSummary();
        var notCurrent = report.Objects.Where(o => o.Status != HealthStatus.Current).ToList();
        var objects = notCurrent.Take(AgentStatusDetails.MaxObjects).Select(o => new ObjectHealthEntry(
            Cut(o.Object?.ApiVersion, 128) ?? "", Cut(o.Object?.Kind, 128) ?? "", Cut(Empty(o.Object?.Namespace), 253), Cut(o.Object?.Name, 253) ?? "",
            StatusText(o.Status), Cut(Empty(o.Message), ProtocolLimits.MaxStatusMessageChars))).ToList();
        var drift = report.Drift.Take(AgentStatusDetails.MaxDrift).Select(d => new DriftDetail(
            Cut(d.Object?.ApiVersion, 128) ?? "", Cut(d.Object?.Kind, 128) ?? "", Cut(Empty(d.Object?.Namespace), 253), Cut(d.Object?.Name, 253) ?? "",
            d.Fields.Take(AgentStatusDetails.MaxDriftFields).Select(f => Cut(f, 256)!).ToList())).ToList();
        var truncated = (int)Math.Min(report.TruncatedObjects + (uint)(notCurrent.Count - objects.Count), int.MaxValue / 2);
        return new AgentStatusDetails(new ChangeSetCounts((int)c.Created, (int)c.Configured, (int)c.Unchanged, (int)c.Deleted, (int)c.Skipped, (int)c.Failed),
            objects, drift, truncated, Empty(report.TargetDigest),
            Time(report.Time));
    }

    private static ProvisionedClusterReport Provisioned(ProvisionedCluster p) => new(
        Cut(p.Cluster, 253)!, Cut(p.Namespace, 253)!, Cut(p.Name, 253)!, Cut(Empty(p.Phase), 32), p.InfrastructureProvisioned, p.ControlPlaneInitialized,
        p.Conditions.Select(c => new ProvisionedCondition(Cut(c.Type, 64)!, ConditionText(c.Status), Cut(Empty(c.Reason), 128),
            Cut(Empty(c.Message), ProtocolLimits.MaxStatusMessageChars), Time(c.LastTransitionTime))).ToList(),
        Time(p.DeletionTimestamp));

    private static DateTime? Time(Google.Protobuf.WellKnownTypes.Timestamp? t) =>
        t is { Seconds: >= 0 and < 253_402_300_800, Nanos: >= 0 and < 1_000_000_000 } ? t.ToDateTime() : null;

    private static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Current => "Current",
        HealthStatus.InProgress => "InProgress",
        HealthStatus.Failed => "Failed",
        _ => "Unknown",
    };

    private static string ConditionText(ConditionStatus status) => status switch
    {
        ConditionStatus.True => "True",
        ConditionStatus.False => "False",
        _ => "Unknown",
    };

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? Cut(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];

    private static RpcException Invalid(string message) => new(new Grpc.Core.Status(StatusCode.InvalidArgument, message));
}
