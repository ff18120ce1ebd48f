using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Labels;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// system-upgrade-controller's upgrade.cattle.io/v1 Plan with spec.version, as the controller runs it: the nodes its
/// spec.nodeSelector matches (none without one, as <c>metav1.LabelSelectorAsSelector(nil)</c>; each needs
/// <c>kubernetes.io/hostname</c>) are upgraded <c>spec.concurrency</c> at a time, each batch after the upgrade delay: the
/// Node's kubeletVersion becomes the version, and <c>/version</c> follows once every control-plane node runs it. A
/// <c>spec.prepare</c> of <c>prepare &lt;plan&gt;</c> (the k3s/RKE2 upgrade image's wait) holds the Plan until that
/// Plan is Complete at its own version, and the delay then counts from that moment. The Plan records latestVersion,
/// latestHash, applying (the batch in progress) and Complete. A channel (no version) is not resolved: LatestResolved=False.
/// </summary>
internal sealed partial class UpgradePlanController : IKindController
{
    private const string Manager = "system-upgrade-controller";
    private const string HostnameLabel = "kubernetes.io/hostname";

    public bool Handles(ResourceType type) => type is { Group: "upgrade.cattle.io", Kind: "Plan", IsCustom: true };

    public TimeSpan Delay(KubeSimDelays delays) => delays.UpgradePlan;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var plan = context.Object;
        var spec = plan["spec"];
        if (plan.IsDeleting())
        {
            return null;
        }
        if (Target(spec, out var problem) is not { } target || Selected(context.Cluster, spec, ref problem) is not { } nodes)
        {
            context.WriteStatus(Manager, current => Failed(current, problem!, context.Now));
            return null;
        }
        var now = context.Cluster.Runtime.Time.GetUtcNow();
        var start = now - context.SinceObserved;
        if (PrepareDone(context, spec, out var waitingFor) is not { } prepared)
        {
            var first = nodes.Take(Concurrency(spec)).ToList();
            context.WriteStatus(Manager, current => Status(current, target.GitVersion, first, false, $"waiting for Plan \"{waitingFor}\" to complete", context.Now));
            return null;
        }
        start = prepared > start ? prepared : start;
        return Advance(context, spec, target, nodes, now - start);
    }

    /// <summary>Upgrades the batches whose time has come; returns when the next one is due.</summary>
    private TimeSpan? Advance(ControllerContext context, JsonNode? spec, KubeVersion target, List<string> nodes, TimeSpan elapsed)
    {
        var delay = Delay(context.Cluster.Runtime.Options.Delays);
        var concurrency = Concurrency(spec);
        var batches = (nodes.Count + concurrency - 1) / concurrency;
        var done = context.NeverReady ? 0 : delay <= TimeSpan.Zero ? batches : (int)Math.Min(batches, Math.Max(0, elapsed.Ticks) / delay.Ticks);
        var upgraded = nodes.Take(done * concurrency).ToList();
        foreach (var node in upgraded)
        {
            NodeVersions.Upgrade(context.Cluster, node, target.GitVersion);
        }
        NodeVersions.SyncServerVersion(context.Cluster);
        var applying = nodes.Skip(done * concurrency).Take(concurrency).ToList();
        var complete = done == batches;
        var message = complete ? $"upgraded {nodes.Count} node(s) to {target.GitVersion}" : $"upgrading {string.Join(", ", applying)}";
        context.WriteStatus(Manager, current => Status(current, target.GitVersion, complete ? [] : applying, complete, message, context.Now));
        if (complete)
        {
            RequeueWaiting(context);
        }
        return complete || context.NeverReady ? null : delay * (done + 1) - elapsed;
    }

    private static int Concurrency(JsonNode? spec) => (int)Math.Clamp(spec.Long("concurrency") ?? 1, 1, int.MaxValue);

    private static KubeVersion? Target(JsonNode? spec, out string? problem)
    {
        problem = null;
        if (spec.Str("version") is not { } version)
        {
            problem = spec.Str("channel") is { } channel
                ? $"KubeSim does not resolve the channel {channel}; give the Plan a spec.version"
                : "the Plan has neither spec.version nor spec.channel";
            return null;
        }
        try
        {
            return KubeVersion.Parse(version);
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    /// <summary>The nodes the Plan selects, by name; null (and why) when its selector is malformed.</summary>
    private static List<string>? Selected(VirtualCluster cluster, JsonNode? spec, ref string? problem)
    {
        if (spec?["nodeSelector"] is not JsonObject written)
        {
            return [];
        }
        LabelSelector selector;
        try
        {
            selector = LabelSelector.FromStructured(written);
        }
        catch (LabelSelectorException ex)
        {
            problem = $"spec.nodeSelector: {ex.Message}";
            return null;
        }
        return NodeVersions.List(cluster).Where(n => n.Labels.ContainsKey(HostnameLabel) && selector.Matches(n.Labels)).Select(n => n.Name).ToList();
    }
}
