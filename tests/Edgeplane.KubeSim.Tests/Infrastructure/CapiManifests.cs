using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>Cluster API objects for the tests, in the shapes a fleet renders (v1beta2 references unless v1beta1 is asked for).</summary>
public static class CapiManifests
{
    private static readonly Dictionary<string, (string Group, string Version, string Plural)> Resources = new()
    {
        ["Cluster"] = ("cluster.x-k8s.io", "v1beta2", "clusters"),
        ["MachineDeployment"] = ("cluster.x-k8s.io", "v1beta2", "machinedeployments"),
        ["MachinePool"] = ("cluster.x-k8s.io", "v1beta2", "machinepools"),
        ["KubeadmControlPlane"] = ("controlplane.cluster.x-k8s.io", "v1beta2", "kubeadmcontrolplanes"),
        ["KThreesControlPlane"] = ("controlplane.cluster.x-k8s.io", "v1beta2", "kthreescontrolplanes"),
        ["OpenStackCluster"] = ("infrastructure.cluster.x-k8s.io", "v1beta1", "openstackclusters"),
        ["GCPManagedCluster"] = ("infrastructure.cluster.x-k8s.io", "v1beta1", "gcpmanagedclusters"),
        ["GCPManagedControlPlane"] = ("infrastructure.cluster.x-k8s.io", "v1beta1", "gcpmanagedcontrolplanes"),
        ["ClusterResourceSet"] = ("addons.cluster.x-k8s.io", "v1beta2", "clusterresourcesets"),
        ["ClusterResourceSetBinding"] = ("addons.cluster.x-k8s.io", "v1beta2", "clusterresourcesetbindings"),
    };

    public static (string Group, string Version, string Plural) Resource(string kind) => Resources[kind];

    public static (string Group, string Version, string Plural) Resource(JsonObject obj)
    {
        var (group, _, plural) = Resources[obj["kind"]!.GetValue<string>()];
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        return (group, apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..], plural);
    }

    /// <summary>A v1beta2 Cluster referencing a control plane and an infrastructure object by apiGroup/kind/name.</summary>
    public static JsonObject Cluster(string name, string controlPlaneKind = "KubeadmControlPlane", string? infrastructureKind = "OpenStackCluster",
        IDictionary<string, string>? labels = null)
    {
        var spec = new JsonObject { ["controlPlaneRef"] = Ref(controlPlaneKind, $"{name}-control-plane", v1beta1: false) };
        if (infrastructureKind is not null)
        {
            spec["infrastructureRef"] = Ref(infrastructureKind, name, v1beta1: false);
        }
        return Object("Cluster", "v1beta2", name, spec, labels);
    }

    /// <summary>A v1beta1 Cluster with apiVersion/kind/name references.</summary>
    public static JsonObject ClusterV1Beta1(string name) => Object("Cluster", "v1beta1", name, new JsonObject
    {
        ["controlPlaneRef"] = Ref("KubeadmControlPlane", $"{name}-control-plane", v1beta1: true),
        ["infrastructureRef"] = Ref("OpenStackCluster", name, v1beta1: true),
    });

    public static JsonObject ControlPlane(string cluster, string version, string kind = "KubeadmControlPlane", int replicas = 3)
    {
        var (_, apiVersion, _) = Resources[kind];
        return Object(kind, apiVersion, $"{cluster}-control-plane", new JsonObject { ["replicas"] = replicas, ["version"] = version });
    }

    public static JsonObject Infrastructure(string cluster, string kind = "OpenStackCluster")
    {
        var (_, apiVersion, _) = Resources[kind];
        return Object(kind, apiVersion, cluster, new JsonObject());
    }

    public static JsonObject MachineDeployment(string cluster, string version, int replicas = 2) =>
        Object("MachineDeployment", "v1beta2", $"{cluster}-workers", new JsonObject
        {
            ["clusterName"] = cluster,
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject() },
            ["template"] = new JsonObject { ["spec"] = new JsonObject { ["clusterName"] = cluster, ["version"] = version } },
        });

    /// <summary>Every object of a kubeadm cluster on OpenStack: Cluster, OpenStackCluster, KubeadmControlPlane, MachineDeployment.</summary>
    public static JsonObject[] KubeadmCluster(string name, string version, IDictionary<string, string>? labels = null) =>
        [Cluster(name, labels: labels), Infrastructure(name), ControlPlane(name, version), MachineDeployment(name, version)];

    public static JsonObject ResourceSet(string name, JsonObject? selector, string? strategy, params (string Kind, string Name)[] resources)
    {
        var spec = new JsonObject
        {
            ["resources"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject { ["kind"] = r.Kind, ["name"] = r.Name }).ToArray()),
        };
        if (selector is not null)
        {
            spec["clusterSelector"] = selector;
        }
        if (strategy is not null)
        {
            spec["strategy"] = strategy;
        }
        return Object("ClusterResourceSet", "v1beta2", name, spec);
    }

    public static JsonObject MatchLabels(string key, string value) => new() { ["matchLabels"] = new JsonObject { [key] = value } };

    private static JsonObject Ref(string kind, string name, bool v1beta1)
    {
        var (group, version, _) = Resources[kind];
        return v1beta1
            ? new JsonObject { ["apiVersion"] = $"{group}/{version}", ["kind"] = kind, ["name"] = name }
            : new JsonObject { ["apiGroup"] = group, ["kind"] = kind, ["name"] = name };
    }

    private static JsonObject Object(string kind, string apiVersion, string name, JsonObject spec, IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = CapiSim.Namespace };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }
        return new JsonObject
        {
            ["apiVersion"] = $"{Resources[kind].Group}/{apiVersion}",
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
    }
}
