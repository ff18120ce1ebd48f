using Edgeplane.Kubernetes.Drift;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using KubeHealth = Edgeplane.Kubernetes.Health;
using KubeObjectRef = Edgeplane.Kubernetes.Objects.ObjectRef;
using WireObjectRef = Edgeplane.Protocol.V1.ObjectRef;

namespace Edgeplane.Agent.Status;

/// <summary>
/// Turns the reconciler's state into a wire <c>StatusReport</c> (without its sequence, which the outbox assigns), within
/// the protocol's per-report limits: at most <see cref="ProtocolLimits.MaxObjectsPerStatus"/> health entries (objects
/// that are not Current first) and <see cref="ProtocolLimits.MaxDriftEntriesPerStatus"/> drift entries, messages cut to
/// <see cref="ProtocolLimits.MaxStatusMessageChars"/>, at most <see cref="ProtocolLimits.MaxProvisionedClustersPerStatus"/>
/// provisioned Cluster API clusters, and the whole report under <see cref="MaxReportBytes"/>; what is left out is counted
/// in <c>truncated_objects</c>.
/// </summary>
internal static class StatusReportBuilder
{
    /// <summary>Budget for one report (a quarter below the 4 MiB message limit).</summary>
    public const int MaxReportBytes = 3 * 1024 * 1024;

    public static StatusReport Build(ReconcileSnapshot snapshot, string agentVersion, DateTimeOffset now)
    {
        var report = new StatusReport
        {
            AppliedDigest = snapshot.AppliedDigest ?? "",
            TargetDigest = snapshot.Target?.Digest ?? "",
            KubernetesVersion = snapshot.Observation.KubernetesVersion ?? "",
            AgentVersion = agentVersion,
            Time = Timestamp.FromDateTimeOffset(now),
        };
        if (snapshot.Observation.ChangeSet is { } c)
        {
            report.ChangeSet = new ChangeSetSummary
            {
                Created = (uint)c.Created, Configured = (uint)c.Configured, Unchanged = (uint)c.Unchanged,
                Deleted = (uint)c.Deleted, Skipped = (uint)c.Skipped, Failed = (uint)c.Failed,
            };
        }
        report.Conditions.AddRange(snapshot.Conditions.Select(ToWire));
        AddProvisioned(report, snapshot.Observation);
        AddDrift(report, snapshot);
        AddObjects(report, snapshot);
        return report;
    }

    private static void AddObjects(StatusReport report, ReconcileSnapshot snapshot)
    {
        var ordered = snapshot.Observation.Health.OrderBy(h => h.Status == KubeHealth.HealthStatus.Current ? 1 : 0).ToList();
        var budget = MaxReportBytes - report.CalculateSize();
        foreach (var health in ordered)
        {
            if (report.Objects.Count >= ProtocolLimits.MaxObjectsPerStatus)
            {
                break;
            }
            var entry = new Protocol.V1.ObjectHealth
            {
                Object = Ref(snapshot.AppliedApiVersions, health.Object),
                Status = ToWire(health.Status),
                Message = Cut(health.Message),
            };
            budget -= entry.CalculateSize() + 4;
            if (budget < 0)
            {
                break;
            }
            report.Objects.Add(entry);
        }
        report.TruncatedObjects += (uint)(ordered.Count - report.Objects.Count);
    }

    /// <summary>
    /// The Cluster API clusters a management cluster provisions: at most the protocol's limit and half the report's byte
    /// budget; the rest are counted in <c>truncated_objects</c> (and the hub then takes the list as incomplete).
    /// </summary>
    private static void AddProvisioned(StatusReport report, ClusterObservation observation)
    {
        var clusters = observation.Provisioned ?? [];
        var budget = MaxReportBytes / 2;
        foreach (var c in clusters.Take(ProtocolLimits.MaxProvisionedClustersPerStatus))
        {
            var entry = new ProvisionedCluster
            {
                Cluster = c.Cluster, Namespace = c.Namespace, Name = c.Name, Phase = c.Phase ?? "",
                InfrastructureProvisioned = c.InfrastructureProvisioned, ControlPlaneInitialized = c.ControlPlaneInitialized,
                DeletionTimestamp = c.DeletionTimestamp is { } deleting ? Timestamp.FromDateTimeOffset(deleting) : null,
            };
            entry.Conditions.AddRange(c.Conditions.Take(ProtocolLimits.MaxConditionsPerProvisionedCluster).Select(k => new Condition
            {
                Type = k.Type,
                Status = k.Status switch { "True" => ConditionStatus.True, "False" => ConditionStatus.False, _ => ConditionStatus.Unknown },
                Reason = k.Reason ?? "",
                Message = Cut(k.Message ?? ""),
                LastTransitionTime = k.LastTransitionTime is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            }));
            budget -= entry.CalculateSize() + 4;
            if (budget < 0)
            {
                break;
            }
            report.ProvisionedClusters.Add(entry);
        }
        report.TruncatedObjects += (uint)(observation.ProvisionedOmitted + clusters.Count - report.ProvisionedClusters.Count);
    }

    private static void AddDrift(StatusReport report, ReconcileSnapshot snapshot)
    {
        var drift = snapshot.Observation.Drift;
        foreach (var d in drift.Take(ProtocolLimits.MaxDriftEntriesPerStatus))
        {
            var entry = new DriftEntry { Object = Ref(snapshot.AppliedApiVersions, d.Object) };
            entry.Fields.AddRange(d.Kind == DriftKind.Missing ? ["(missing)"] : d.FieldPaths.Select(Cut));
            report.Drift.Add(entry);
        }
        report.TruncatedObjects += (uint)Math.Max(0, drift.Count - ProtocolLimits.MaxDriftEntriesPerStatus);
    }

    private static WireObjectRef Ref(IReadOnlyDictionary<KubeObjectRef, string>? apiVersions, KubeObjectRef obj) => new()
    {
        ApiVersion = apiVersions is null ? obj.Group : ApiVersionOf(apiVersions, obj),
        Kind = obj.Kind,
        Namespace = obj.Namespace ?? "",
        Name = obj.Name,
    };

    /// <summary>The apiVersion the bundle gave the object; for one it lacks, <c>v1</c> in the core group, else the group.</summary>
    private static string ApiVersionOf(IReadOnlyDictionary<KubeObjectRef, string> apiVersions, KubeObjectRef obj) =>
        apiVersions.TryGetValue(obj, out var v) ? v : obj.Group.Length == 0 ? "v1" : obj.Group;

    private static Protocol.V1.HealthStatus ToWire(KubeHealth.HealthStatus status) => status switch
    {
        KubeHealth.HealthStatus.Current => Protocol.V1.HealthStatus.Current,
        KubeHealth.HealthStatus.Failed => Protocol.V1.HealthStatus.Failed,
        // Missing objects are recreated by the next drift check, so they are on their way, not failed.
        KubeHealth.HealthStatus.InProgress or KubeHealth.HealthStatus.NotFound => Protocol.V1.HealthStatus.InProgress,
        _ => Protocol.V1.HealthStatus.Unknown,
    };

    private static Condition ToWire(AgentCondition condition) => new()
    {
        Type = condition.Type,
        Status = condition.Status,
        Reason = condition.Reason,
        Message = Cut(condition.Message),
        LastTransitionTime = Timestamp.FromDateTimeOffset(condition.LastTransitionTime),
    };

    private static string Cut(string text) =>
        text.Length <= ProtocolLimits.MaxStatusMessageChars ? text : text[..(ProtocolLimits.MaxStatusMessageChars - 1)] + "…";
}
