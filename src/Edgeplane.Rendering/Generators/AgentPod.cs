using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// The agent's Deployment spec: one replica, replaced (never two agents of one cluster at once), the hub URL, cluster
/// and token from the bootstrap Secret through the environment, the API server as its ServiceAccount
/// (<c>--in-cluster</c>), state on an emptyDir, bounded resources, exec probes on <c>edgeplane agent probe</c> (the agent
/// serves no HTTP endpoint), and the Pod Security "restricted" profile: non-root, read-only root filesystem, no privilege
/// escalation, every capability dropped, the runtime's default seccomp profile (with <see cref="AgentInstallSettings.Bootstrap"/>
/// also the host network and tolerations, which take it beyond "restricted").
/// </summary>
internal static class AgentPod
{
    /// <summary>The binary in the agent image.</summary>
    public const string Binary = "edgeplane";

    /// <summary>Where the state folder (identity, cached bundles, outbox) is mounted.</summary>
    public const string StatePath = "/var/lib/edgeplane-agent";

    /// <summary>The non-root user and group the agent runs as (distroless "nonroot").</summary>
    public const long User = 65532;

    /// <summary>The state volume's size bound: two bundles of at most 256 MiB each and a partial download.</summary>
    public const string StateSizeLimit = "1Gi";

    public static JsonObject DeploymentSpec(AgentInstallSettings settings) => new()
    {
        ["replicas"] = 1,
        ["strategy"] = new JsonObject { ["type"] = "Recreate" },
        ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = AgentInstallObjects.AgentName } },
        ["template"] = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["labels"] = AgentInstallObjects.Labels(),
                ["annotations"] = new JsonObject { [AgentInstallObjects.TokenIdAnnotation] = settings.TokenId },
            },
            ["spec"] = PodSpec(settings),
        },
    };

    /// <summary>The taints a node of a cluster Cluster API just made may still carry when the agent must run.</summary>
    private static readonly string[] BootstrapTaints =
        ["node.kubernetes.io/not-ready", "node.cloudprovider.kubernetes.io/uninitialized", "node-role.kubernetes.io/control-plane"];

    private static JsonObject PodSpec(AgentInstallSettings settings)
    {
        var spec = BasePodSpec(settings);
        if (settings.Bootstrap)
        {
            // No CNI yet: the pod network does not exist; kube-proxy (host network) already routes the API service.
            spec["hostNetwork"] = true;
            spec["tolerations"] = new JsonArray([.. BootstrapTaints.Select(t => (JsonNode)new JsonObject { ["key"] = t, ["operator"] = "Exists" })]);
        }
        return spec;
    }

    private static JsonObject BasePodSpec(AgentInstallSettings settings) => new()
    {
        ["serviceAccountName"] = AgentInstallObjects.AgentName,
        ["automountServiceAccountToken"] = true,
        ["securityContext"] = new JsonObject
        {
            ["runAsNonRoot"] = true,
            ["runAsUser"] = User,
            ["runAsGroup"] = User,
            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
        },
        ["containers"] = new JsonArray(Container(settings)),
        ["volumes"] = new JsonArray(
            new JsonObject { ["name"] = "state", ["emptyDir"] = new JsonObject { ["sizeLimit"] = StateSizeLimit } },
            new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject { ["sizeLimit"] = "64Mi" } }),
    };

    private static JsonObject Container(AgentInstallSettings settings) => new()
    {
        ["name"] = "agent",
        ["image"] = settings.EffectiveImage,
        ["imagePullPolicy"] = "IfNotPresent",
        ["command"] = new JsonArray(Binary),
        ["args"] = new JsonArray("agent", "--hub", "$(EDGEPLANE_HUB)", "--cluster", "$(EDGEPLANE_CLUSTER)", "--in-cluster", "--state", StatePath),
        ["env"] = new JsonArray(
            FromSecret("EDGEPLANE_HUB", AgentInstallObjects.HubKey),
            FromSecret("EDGEPLANE_CLUSTER", AgentInstallObjects.ClusterKey),
            // The environment, not a mounted file: the agent refuses a token file others may read, and a Secret volume is
            // either root's alone or, with an fsGroup, group-readable.
            FromSecret("EDGEPLANE_BOOTSTRAP_TOKEN", AgentInstallObjects.TokenKey)),
        ["resources"] = new JsonObject
        {
            ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
            ["limits"] = new JsonObject { ["cpu"] = "1", ["memory"] = "512Mi" },
        },
        ["livenessProbe"] = Probe(["agent", "probe", "--state", StatePath], initialDelay: 10, period: 30),
        ["readinessProbe"] = Probe(["agent", "probe", "--state", StatePath, "--enrolled"], initialDelay: 5, period: 10),
        ["securityContext"] = new JsonObject
        {
            ["runAsNonRoot"] = true,
            ["runAsUser"] = User,
            ["allowPrivilegeEscalation"] = false,
            ["readOnlyRootFilesystem"] = true,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
        },
        ["volumeMounts"] = new JsonArray(
            new JsonObject { ["name"] = "state", ["mountPath"] = StatePath },
            new JsonObject { ["name"] = "tmp", ["mountPath"] = "/tmp" }),
    };

    private static JsonObject FromSecret(string variable, string key) => new()
    {
        ["name"] = variable,
        ["valueFrom"] = new JsonObject
        {
            ["secretKeyRef"] = new JsonObject { ["name"] = AgentInstallObjects.BootstrapSecret, ["key"] = key },
        },
    };

    private static JsonObject Probe(string[] args, int initialDelay, int period)
    {
        var command = new JsonArray(Binary);
        foreach (var arg in args)
        {
            command.Add(arg);
        }
        return new JsonObject
        {
            ["exec"] = new JsonObject { ["command"] = command },
            ["initialDelaySeconds"] = initialDelay,
            ["periodSeconds"] = period,
            ["timeoutSeconds"] = 10,
            ["failureThreshold"] = 3,
        };
    }
}
