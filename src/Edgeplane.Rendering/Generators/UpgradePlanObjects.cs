using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// The two system-upgrade-controller Plans that move a k3s or RKE2 cluster to its declared Kubernetes version, shaped as
/// the k3s and RKE2 docs ("Automated upgrades") write them: <c>server-plan</c> upgrades the control-plane nodes one at a
/// time, cordoned; <c>agent-plan</c> upgrades the other nodes, drained, a few at a time, and its <c>prepare</c> step
/// (<c>prepare server-plan</c>) waits in each Job until the server plan has finished.
/// </summary>
internal static class UpgradePlanObjects
{
    /// <summary>The Plan for control-plane (server) nodes; the agent plan waits for it.</summary>
    public const string ServerPlan = "server-plan";

    /// <summary>The Plan for the other (agent, worker) nodes.</summary>
    public const string AgentPlan = "agent-plan";

    /// <summary>The account system-upgrade-controller's own manifests create for its Jobs, in its namespace.</summary>
    public const string ServiceAccount = "system-upgrade";

    /// <summary>Namespace of the Plans when the upgrade add-on names none (the controller's own default).</summary>
    public const string DefaultNamespace = "system-upgrade";

    private const string ControlPlaneLabel = "node-role.kubernetes.io/control-plane";

    /// <summary>Both Plans for <paramref name="version"/> in <paramref name="ns"/>.</summary>
    public static IReadOnlyList<JsonObject> Build(ClusterProvider provider, KubernetesVersionNumber version, string ns, int workerConcurrency)
    {
        var image = provider == ClusterProvider.Rke2 ? "rancher/rke2-upgrade" : "rancher/k3s-upgrade";
        var target = Target(provider, version);
        var server = Plan(ServerPlan, ns, target, new JsonObject
        {
            ["concurrency"] = 1,
            ["cordon"] = true,
            ["nodeSelector"] = Selector("Exists"),
            ["serviceAccountName"] = ServiceAccount,
            ["tolerations"] = new JsonArray(
                new JsonObject { ["key"] = ControlPlaneLabel, ["operator"] = "Exists", ["effect"] = "NoSchedule" },
                new JsonObject { ["key"] = "CriticalAddonsOnly", ["operator"] = "Exists", ["effect"] = "NoExecute" }),
            ["upgrade"] = new JsonObject { ["image"] = image },
        });
        var agent = Plan(AgentPlan, ns, target, new JsonObject
        {
            ["concurrency"] = workerConcurrency,
            ["cordon"] = true,
            ["drain"] = new JsonObject
            {
                ["deleteEmptydirData"] = true,
                ["force"] = true,
                ["ignoreDaemonSets"] = true,
                ["skipWaitForDeleteTimeout"] = 60,
            },
            ["nodeSelector"] = Selector("DoesNotExist"),
            ["prepare"] = new JsonObject { ["image"] = image, ["args"] = new JsonArray("prepare", ServerPlan) },
            ["serviceAccountName"] = ServiceAccount,
            ["upgrade"] = new JsonObject { ["image"] = image },
        });
        return [server, agent];
    }

    /// <summary>
    /// <c>("version", v1.30.4+k3s1)</c> for a full version: the distribution's first build (<c>+k3s1</c>, <c>+rke2r1</c>)
    /// is added when the fleet wrote none. <c>("channel", URL)</c> for a minor line (<c>v1.30</c>): the release channel
    /// of that minor, whose newest patch the controller resolves.
    /// </summary>
    public static (string Field, string Value) Target(ClusterProvider provider, KubernetesVersionNumber version)
    {
        var (build, channels) = provider == ClusterProvider.Rke2
            ? ("+rke2r1", "https://update.rke2.io/v1-release/channels/")
            : ("+k3s1", "https://update.k3s.io/v1-release/channels/");
        if (version.Patch is null)
        {
            return ("channel", channels + version.Core);
        }
        return ("version", version.Suffix.Contains('+', StringComparison.Ordinal) ? version.ToString() : version + build);
    }

    private static JsonObject Plan(string name, string ns, (string Field, string Value) target, JsonObject spec)
    {
        spec[target.Field] = target.Value;
        return new JsonObject
        {
            ["apiVersion"] = "upgrade.cattle.io/v1",
            ["kind"] = "Plan",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        };
    }

    private static JsonObject Selector(string op) => new()
    {
        ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = ControlPlaneLabel, ["operator"] = op }),
    };
}
