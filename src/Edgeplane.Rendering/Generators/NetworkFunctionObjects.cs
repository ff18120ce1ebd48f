using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering.Canonical;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// A network function becomes: one Multus NetworkAttachmentDefinition (<c>k8s.cni.cncf.io/v1</c>) per extra network,
/// then a Deployment or StatefulSet (CNF) or a KubeVirt VirtualMachine with a CDI DataVolume template (VNF), then a
/// Service when it exposes ports. Strings may hold <c>${…}</c> variables, substituted per cluster.
/// </summary>
internal static partial class NetworkFunctionObjects
{
    public const string SelectorLabel = "edgeplane.dev/network-function";

    public static IReadOnlyList<JsonObject> Build(string name, NetworkFunctionSpec spec)
    {
        var objects = spec.Networks.Select(n => Attachment(name, spec.Namespace, n)).ToList();
        objects.Add(spec.Type == NetworkFunctionType.Cnf ? Workload(name, spec) : VirtualMachine(name, spec));
        if (spec.Ports.Count > 0)
        {
            objects.Add(Service(name, spec));
        }
        return objects;
    }

    private static JsonObject Attachment(string nf, string ns, NetworkSpec network)
    {
        var config = (JsonObject)network.Cni.DeepClone();
        config.TryAdd("cniVersion", "0.3.1");
        config["name"] = $"{nf}-{network.Name}";
        var metadata = new JsonObject { ["name"] = $"{nf}-{network.Name}", ["namespace"] = ns };
        if (network.ResourceName is not null)
        {
            metadata["annotations"] = new JsonObject { ["k8s.v1.cni.cncf.io/resourceName"] = network.ResourceName };
        }
        return new JsonObject
        {
            ["apiVersion"] = "k8s.cni.cncf.io/v1",
            ["kind"] = "NetworkAttachmentDefinition",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["config"] = System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(config)) },
        };
    }

    private static JsonObject Service(string name, NetworkFunctionSpec spec) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = spec.Namespace, ["labels"] = Labels(name) },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { [SelectorLabel] = name },
            ["ports"] = new JsonArray([.. spec.Ports.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name, ["port"] = p.Port, ["targetPort"] = p.Port, ["protocol"] = p.Protocol,
            })]),
        },
    };

    private static JsonObject Labels(string name) => new()
    {
        ["app.kubernetes.io/name"] = name,
        [SelectorLabel] = name,
    };

    private static string NetworkList(string nf, NetworkFunctionSpec spec) => string.Join(",", spec.Networks.Select(n => $"{nf}-{n.Name}"));
}
