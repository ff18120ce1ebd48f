using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>What a controller knows when it reconciles one object.</summary>
internal sealed class ControllerContext(VirtualCluster cluster, ResourceType type, JsonObject obj, bool delayElapsed, bool neverReady, TimeSpan sinceObserved,
    Action<string?, string>? requeue = null)
{
    public VirtualCluster Cluster { get; } = cluster;

    public ResourceType Type { get; } = type;

    /// <summary>The object as read when the reconcile started.</summary>
    public JsonObject Object { get; } = obj;

    /// <summary>The configured delay has passed since this generation was first seen.</summary>
    public bool DelayElapsed { get; } = delayElapsed;

    /// <summary>A fault rule says this object must never become ready.</summary>
    public bool NeverReady { get; } = neverReady;

    /// <summary>Ready = delay elapsed and no fault rule.</summary>
    public bool Ready => DelayElapsed && !NeverReady;

    public TimeSpan SinceObserved { get; } = sinceObserved;

    public string Now => Cluster.Runtime.Now();

    /// <summary>Queues a reconcile of another object of the same type and cluster (one that waits for this one).</summary>
    public void Requeue(string? ns, string name) => requeue?.Invoke(ns, name);

    /// <summary>Writes the status <paramref name="compute"/> derives from the current object (skipped when unchanged).</summary>
    public JsonObject? WriteStatus(string manager, Func<JsonObject, JsonObject?> compute)
    {
        var ns = Type.Namespaced ? Object["metadata"]?["namespace"]?.GetValue<string>() : null;
        var name = Object["metadata"]!["name"]!.GetValue<string>();
        return Cluster.WriteStatus(Type, ns, name, manager, compute);
    }
}
