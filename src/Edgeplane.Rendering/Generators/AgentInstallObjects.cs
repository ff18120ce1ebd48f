using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Model.Yaml;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// The install manifests of one cluster's agent, the one generator behind <c>edgeplane agent manifest</c>,
/// <c>edgeplane clusters join</c> and the hub's Cluster API join Secret: the <c>edgeplane-system</c> Namespace, the
/// agent's ServiceAccount bound to <c>cluster-admin</c> (the agent applies whatever the fleet says, as Flux's controllers
/// do), the bootstrap Secret (token, hub URL, CA pin, cluster) and a hardened one-replica Deployment whose agent reaches
/// its API server as its ServiceAccount (<c>edgeplane agent --in-cluster</c>). Pure: the same settings give the same
/// objects, in apply order.
/// </summary>
public static partial class AgentInstallObjects
{
    /// <summary>The namespace everything goes to (the agent keeps its inventories there too).</summary>
    public const string Namespace = "edgeplane-system";

    /// <summary>Name of the agent's ServiceAccount, ClusterRoleBinding and Deployment.</summary>
    public const string AgentName = "edgeplane-agent";

    /// <summary>Name of the Secret holding the bootstrap token, the hub URL, the CA pin and the cluster name.</summary>
    public const string BootstrapSecret = "edgeplane-agent-bootstrap";

    /// <summary>The ClusterRole the agent is bound to.</summary>
    public const string ClusterRole = "cluster-admin";

    /// <summary>The key of <see cref="BootstrapSecret"/> holding the bootstrap token.</summary>
    public const string TokenKey = "token";

    /// <summary>The key of <see cref="BootstrapSecret"/> holding the gateway URL the agent dials.</summary>
    public const string HubKey = "hub";

    /// <summary>The key of <see cref="BootstrapSecret"/> holding the hub CA pin (also inside the token).</summary>
    public const string CaPinKey = "ca-pin";

    /// <summary>The key of <see cref="BootstrapSecret"/> holding the cluster name.</summary>
    public const string ClusterKey = "cluster";

    /// <summary>The pod template annotation naming the token the pod enrols with: a new token rolls a new pod.</summary>
    public const string TokenIdAnnotation = "edgeplane.dev/bootstrap-token-id";

    /// <summary>Labels every object carries.</summary>
    public static IReadOnlyDictionary<string, string> CommonLabels { get; } = new Dictionary<string, string>
    {
        ["app.kubernetes.io/name"] = AgentName,
        ["app.kubernetes.io/part-of"] = "edgeplane",
    };

    /// <summary>
    /// Every object, in apply order: Namespace, ServiceAccount, ClusterRoleBinding, Secret, Deployment.
    /// Throws <see cref="ArgumentException"/> for invalid <paramref name="settings"/> (see <see cref="AgentInstallSettings.Validate"/>).
    /// </summary>
    public static IReadOnlyList<JsonObject> Build(AgentInstallSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return
        [
            Object("v1", "Namespace", Namespace, null,
                o => o["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"] = settings.Bootstrap ? "privileged" : "restricted"),
            Object("v1", "ServiceAccount", AgentName, Namespace, o => o["automountServiceAccountToken"] = true),
            Object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", AgentName, null, o =>
            {
                o["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = ClusterRole };
                o["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = AgentName, ["namespace"] = Namespace });
            }),
            Object("v1", "Secret", BootstrapSecret, Namespace, o =>
            {
                o["type"] = "Opaque";
                o["data"] = new JsonObject
                {
                    [CaPinKey] = Base64(settings.CaPin),
                    [ClusterKey] = Base64(settings.Cluster),
                    [HubKey] = Base64(settings.HubUrl),
                    [TokenKey] = Base64(settings.Token),
                };
            }),
            Object("apps/v1", "Deployment", AgentName, Namespace, o => o["spec"] = AgentPod.DeploymentSpec(settings)),
        ];
    }

    /// <summary>The objects as a multi-document YAML stream (what <c>kubectl apply -f</c> and a ClusterResourceSet read).</summary>
    public static string ToYaml(IEnumerable<JsonObject> objects) => YamlWriter.Write(objects);

    private static JsonObject Object(string apiVersion, string kind, string name, string? ns, Action<JsonObject> fill)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }
        metadata["labels"] = Labels();
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
        fill(obj);
        return obj;
    }

    internal static JsonObject Labels()
    {
        var labels = new JsonObject();
        foreach (var (key, value) in CommonLabels)
        {
            labels[key] = value;
        }
        return labels;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
