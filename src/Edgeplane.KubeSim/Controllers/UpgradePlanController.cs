using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// system-upgrade-controller upgrade.cattle.io/v1 Plan with spec.version: after the upgrade delay the cluster's
/// /version gitVersion and every Node's kubeletVersion become that version, and the Plan records latestVersion,
/// latestHash and Complete=True. An unparsable version gets LatestResolved=False.
/// </summary>
internal sealed class UpgradePlanController : IKindController
{
    private const string Manager = "system-upgrade-controller";

    public bool Handles(ResourceType type) => type is { Group: "upgrade.cattle.io", Kind: "Plan", IsCustom: true };

    public TimeSpan Delay(KubeSimDelays delays) => delays.UpgradePlan;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var plan = context.Object;
        var version = plan["spec"].Str("version");
        if (plan.IsDeleting() || version is null)
        {
            return null;
        }
        KubeVersion target;
        try
        {
            target = KubeVersion.Parse(version);
        }
        catch (FormatException ex)
        {
            context.WriteStatus(Manager, current => new JsonObject
            {
                ["conditions"] = new Conditions(current.At("status", "conditions"), context.Now)
                    .Set("LatestResolved", "False", "Error", ex.Message).Result,
            });
            return null;
        }
        var nodeType = ResourceCatalog.Builtin.FindKind("", "Node")!;
        var nodes = context.Cluster.ListAll(nodeType.Key).Select(n => n.Name).ToList();
        if (context.Ready)
        {
            context.Cluster.SetVersion(target);
            foreach (var node in nodes)
            {
                context.Cluster.WriteStatus(nodeType, null, node, "kubelet", current => UpgradedNode(current, target.GitVersion));
            }
        }
        context.WriteStatus(Manager, current => PlanStatus(current, target.GitVersion, context.Ready, nodes, context.Now));
        return null;
    }

    private static JsonObject? UpgradedNode(JsonObject node, string version)
    {
        var status = node["status"]?.DeepClone() as JsonObject ?? ClusterSeed.NodeStatus(version);
        var info = status.Obj("nodeInfo");
        info["kubeletVersion"] = version;
        info["kubeProxyVersion"] = version;
        return status;
    }

    private static JsonObject PlanStatus(JsonObject plan, string version, bool done, List<string> nodes, string now)
    {
        var conditions = new Conditions(plan.At("status", "conditions"), now)
            .Set("LatestResolved", "True", "Version", string.Empty);
        if (done)
        {
            conditions.Set("Complete", "True", "PlanComplete", $"upgraded {nodes.Count} node(s) to {version}");
        }
        var status = new JsonObject
        {
            ["latestVersion"] = version,
            ["latestHash"] = WorkloadNames.TemplateHash(JsonValue.Create(version)),
            ["conditions"] = conditions.Result,
        };
        if (!done && nodes.Count > 0)
        {
            status["applying"] = JsonUtil.Strings(nodes);
        }
        return status;
    }
}
