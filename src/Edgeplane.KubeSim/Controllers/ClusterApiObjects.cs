using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// What the simulated Cluster API controllers share: its groups, names and labels, and how they find a Cluster, the
/// objects it references and its machine objects in a management cluster.
/// </summary>
internal static class ClusterApiObjects
{
    public const string CoreGroup = "cluster.x-k8s.io";
    public const string AddonsGroup = "addons.cluster.x-k8s.io";
    public const string ControlPlaneGroup = "controlplane.cluster.x-k8s.io";
    public const string InfrastructureGroup = "infrastructure.cluster.x-k8s.io";

    /// <summary>The field manager of Cluster API's controllers (controller-runtime names it after the binary).</summary>
    public const string Manager = "manager";

    public const string ClusterNameLabel = "cluster.x-k8s.io/cluster-name";

    /// <summary>The finalizer the Cluster controller puts on every Cluster.</summary>
    public const string ClusterFinalizer = "cluster.cluster.x-k8s.io";

    /// <summary>Edgeplane's annotation; <c>Retain</c> keeps the workload cluster when its Cluster is deleted.</summary>
    public const string DeletionPolicyAnnotation = "edgeplane.dev/deletion-policy";

    public static bool IsCluster(ResourceType type) => type is { Group: CoreGroup, Kind: "Cluster", IsCustom: true };

    /// <summary>A provider's kind: control planes (also in the infrastructure group, e.g. GCPManagedControlPlane) and infrastructure.</summary>
    public static bool IsProviderKind(ResourceType type) => type.IsCustom && type.Group is ControlPlaneGroup or InfrastructureGroup;

    /// <summary>A control plane kind: <c>*ControlPlane</c> in the control plane or infrastructure group (not <c>*ControlPlaneTemplate</c>).</summary>
    public static bool IsControlPlane(ResourceType type) => IsProviderKind(type) && type.Kind.EndsWith("ControlPlane", StringComparison.Ordinal);

    public static bool IsMachines(ResourceType type) => type is { Group: CoreGroup, Kind: "MachineDeployment" or "MachinePool", IsCustom: true };

    /// <summary>The Clusters of a namespace (every namespace when null), parsed.</summary>
    public static List<JsonObject> ClustersIn(VirtualCluster cluster, string? ns) =>
        cluster.Catalog.FindKind(CoreGroup, "Cluster") is { } type
            ? cluster.ListAll(type.Key, ns).Select(stored => JsonUtil.ParseObject(stored.Json)).ToList()
            : [];

    public static JsonObject? Cluster(VirtualCluster cluster, string? ns, string name) =>
        cluster.Catalog.FindKind(CoreGroup, "Cluster") is { } type && cluster.Find(type.Key, ns, name) is { } stored
            ? JsonUtil.ParseObject(stored.Json) : null;

    public static ClusterApiRef? ControlPlaneRef(JsonObject cluster) => ClusterApiRef.Parse(cluster.At("spec", "controlPlaneRef"));

    public static ClusterApiRef? InfrastructureRef(JsonObject cluster) => ClusterApiRef.Parse(cluster.At("spec", "infrastructureRef"));

    /// <summary>The served type of a reference (null when its CRD is not installed) and the object (null when missing).</summary>
    public static (ResourceType? Type, JsonObject? Object) Resolve(VirtualCluster cluster, string? ns, ClusterApiRef reference)
    {
        var type = cluster.Catalog.FindKind(reference.Group, reference.Kind);
        var stored = type is null ? null : cluster.Find(type.Key, type.Namespaced ? ns : null, reference.Name);
        return (type, stored is null ? null : JsonUtil.ParseObject(stored.Json));
    }

    /// <summary>The MachineDeployments and MachinePools of a namespace whose <c>spec.clusterName</c> is <paramref name="clusterName"/>.</summary>
    public static IEnumerable<(ResourceType Type, JsonObject Object)> Machines(VirtualCluster cluster, string? ns, string clusterName) =>
        new[] { "MachineDeployment", "MachinePool" }
            .Select(kind => cluster.Catalog.FindKind(CoreGroup, kind))
            .OfType<ResourceType>()
            .SelectMany(type => cluster.ListAll(type.Key, ns).Select(stored => (type, JsonUtil.ParseObject(stored.Json))))
            .Where(m => m.Item2.At("spec").Str("clusterName") == clusterName);

    /// <summary>Whether a Cluster reports its control plane initialized (the contract's signal that the API server answers).</summary>
    public static bool ControlPlaneInitialized(JsonObject? cluster) =>
        cluster.At("status", "initialization").Bool("controlPlaneInitialized") == true;

    public static JsonObject? Condition(JsonObject? obj, string type) =>
        (obj.At("status", "conditions") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);

    /// <summary>When the condition became True, or null when it is not True.</summary>
    public static DateTimeOffset? TrueSince(JsonObject? obj, string type) =>
        Condition(obj, type) is { } condition && condition.Str("status") == "True" ? Time(condition.Str("lastTransitionTime")) : null;

    public static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>RFC 3339 with second precision, as metav1.Time serializes (a step's simulated moment).</summary>
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Adds <paramref name="finalizer"/> to the object; false when it was there already (nothing written).</summary>
    public static bool AddFinalizer(VirtualCluster cluster, ResourceType type, JsonObject obj, string finalizer) =>
        cluster.Mutate(type, type.Namespaced ? obj.Namespace() : null, obj.Name()!, Manager, current =>
        {
            if (current.Finalizers().Contains(finalizer))
            {
                return false;
            }
            var finalizers = (current.At("metadata", "finalizers") as JsonArray)?.DeepClone() as JsonArray ?? [];
            finalizers.Add(finalizer);
            current.Meta()["finalizers"] = finalizers;
            return true;
        });

    /// <summary>Removes <paramref name="finalizer"/>; the object goes when it was the last one of a deleting object.</summary>
    public static bool RemoveFinalizer(VirtualCluster cluster, ResourceType type, JsonObject obj, string finalizer) =>
        cluster.Mutate(type, type.Namespaced ? obj.Namespace() : null, obj.Name()!, Manager, current =>
        {
            var remaining = current.Finalizers().Where(f => f != finalizer).ToList();
            if (remaining.Count == current.Finalizers().Count)
            {
                return false;
            }
            current.Meta()["finalizers"] = JsonUtil.Strings(remaining);
            return true;
        });

    /// <summary>A reference to <paramref name="owner"/> for metadata.ownerReferences.</summary>
    public static JsonObject OwnerReference(JsonObject owner, bool controller) => new()
    {
        ["apiVersion"] = owner.Str("apiVersion"),
        ["kind"] = owner.Str("kind"),
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = controller,
        ["blockOwnerDeletion"] = true,
    };
}
