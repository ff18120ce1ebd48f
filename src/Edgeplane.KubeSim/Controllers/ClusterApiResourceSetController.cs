using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Labels;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// Cluster API's ClusterResourceSet controller (addons.cluster.x-k8s.io, v1beta2 or v1beta1): applies the objects its
/// ConfigMaps and Secrets carry into the workload cluster of every Cluster of its namespace that its
/// <c>clusterSelector</c> matches (an empty selector matches none; deleting Clusters are skipped) once that Cluster's
/// control plane is initialized. ApplyOnce creates (already exists is success); Reconcile also merge-patches existing
/// objects and applies a carrier again when its hash changes. The state is kept in ClusterResourceSetBindings
/// (<see cref="ClusterApiBindings"/>); the outcome in the <c>ResourcesApplied</c> condition. A failed apply is retried
/// after <see cref="RetryInterval"/>.
/// </summary>
internal sealed partial class ClusterApiResourceSetController : IKindController, IRelatedObjects
{
    /// <summary>The finalizer that lets a deleted set leave the bindings first.</summary>
    public const string Finalizer = "addons.cluster.x-k8s.io";

    /// <summary>When a set whose apply failed (a missing CRD in the workload cluster, say) tries again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    /// <summary>Longest ResourcesApplied message; further errors are cut.</summary>
    public const int MaxMessageLength = 4096;

    private const string SetCrd = "clusterresourcesets." + AddonsGroup;

    private readonly ClusterApiBindings _bindings = new();

    public bool Handles(ResourceType type) => type is { Group: AddonsGroup, Kind: "ClusterResourceSet", IsCustom: true };

    /// <summary>Sets act when their inputs change, not after a delay.</summary>
    public TimeSpan Delay(KubeSimDelays delays) => TimeSpan.Zero;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var set = context.Object;
        if (set.IsDeleting())
        {
            _bindings.Release(context.Cluster, set.Namespace(), set.Name()!);
            RemoveFinalizer(context.Cluster, context.Type, set, Finalizer);
            return null;
        }
        if (AddFinalizer(context.Cluster, context.Type, set, Finalizer))
        {
            return null;
        }
        var outcome = Apply(context);
        context.WriteStatus(Manager, current => Status(current, outcome, context));
        return outcome.Retry ? RetryInterval : null;
    }

    /// <summary>Clusters (labels, initialization) and the ConfigMaps and Secrets of clusters that serve ClusterResourceSets.</summary>
    public bool Watches(VirtualCluster cluster, ResourceType type) =>
        IsCluster(type) || type is { Group: "", Kind: "ConfigMap" or "Secret" } && cluster.Catalog.Crds.ContainsKey(SetCrd);

    public IEnumerable<ObjectTarget> Related(VirtualCluster cluster, ResourceType type, string? ns, string name)
    {
        if (cluster.Catalog.FindKind(AddonsGroup, "ClusterResourceSet") is not { } setType)
        {
            return [];
        }
        return cluster.ListAll(setType.Key, ns)
            .Select(stored => JsonUtil.ParseObject(stored.Json))
            .Where(set => IsCluster(type) || (set.At("spec", "resources") as JsonArray ?? []).Any(r => r.Str("kind") == type.Kind && r.Str("name") == name))
            .Select(set => new ObjectTarget(setType, ns, set.Name()));
    }

    /// <summary>How applying went: the ResourcesApplied reason and message, and whether to try again.</summary>
    private sealed record Outcome(bool Applied, string Reason, string Message, bool Retry);

    private static JsonObject Status(JsonObject current, Outcome outcome, ControllerContext context)
    {
        var message = outcome.Message;
        if (ClusterApiBindings.InMemory(context.Cluster))
        {
            var note = "the ClusterResourceSetBinding CRD is not installed: KubeSim keeps the binding state in memory";
            message = message.Length == 0 ? note : $"{message}; {note}";
        }
        if (message.Length > MaxMessageLength)
        {
            message = message[..(MaxMessageLength - 1)] + "…";
        }
        var conditions = new Conditions(current.At("status", "conditions"), context.Now, observedGeneration: current.Generation())
            .Set("ResourcesApplied", outcome.Applied ? "True" : "False", outcome.Reason, message);
        return new JsonObject { ["observedGeneration"] = current.Generation(), ["conditions"] = conditions.Result };
    }

    /// <summary>ApplyOnce (the default) or Reconcile.</summary>
    private static bool Reconciles(JsonObject set) => set.At("spec").Str("strategy") switch
    {
        null or "ApplyOnce" => false,
        "Reconcile" => true,
        var other => throw new ClusterApiResourceSetException("InternalError", $"unsupported strategy \"{other}\": use ApplyOnce or Reconcile"),
    };

    /// <summary>The Clusters of the set's namespace the selector matches (none for an empty selector), without deleting ones.</summary>
    private static List<JsonObject> Selected(ControllerContext context)
    {
        var set = context.Object;
        LabelSelector selector;
        try
        {
            selector = set.At("spec", "clusterSelector") is JsonObject written ? LabelSelector.FromStructured(written) : LabelSelector.Everything;
        }
        catch (LabelSelectorException ex)
        {
            throw new ClusterApiResourceSetException("InternalError", $"spec.clusterSelector: {ex.Message}");
        }
        return selector.IsEmpty
            ? []
            : ClustersIn(context.Cluster, set.Namespace()).Where(c => !c.IsDeleting() && selector.Matches(c.Labels())).ToList();
    }
}
