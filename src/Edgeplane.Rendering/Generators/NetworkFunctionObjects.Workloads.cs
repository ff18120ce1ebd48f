using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Generators;

internal static partial class NetworkFunctionObjects
{
    private static JsonObject Workload(string name, NetworkFunctionSpec spec)
    {
        var cnf = spec.Cnf!;
        var container = new JsonObject { ["name"] = name, ["image"] = cnf.Image };
        if (cnf.Args.Count > 0)
        {
            container["args"] = new JsonArray([.. cnf.Args.Select(a => (JsonNode)JsonValue.Create(a))]);
        }
        if (cnf.Env.Count > 0)
        {
            container["env"] = new JsonArray([.. cnf.Env.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => (JsonNode)new JsonObject { ["name"] = e.Key, ["value"] = e.Value })]);
        }
        if (spec.Ports.Count > 0)
        {
            container["ports"] = new JsonArray([.. spec.Ports.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name, ["containerPort"] = p.Port, ["protocol"] = p.Protocol,
            })]);
        }
        if (!cnf.Resources.IsEmpty)
        {
            container["resources"] = cnf.Resources.Root.DeepClone();
        }
        var podSpec = new JsonObject { ["containers"] = new JsonArray(container) };
        var workload = new JsonObject
        {
            ["replicas"] = cnf.Replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { [SelectorLabel] = name } },
            ["template"] = new JsonObject { ["metadata"] = PodMetadata(name, spec), ["spec"] = podSpec },
        };
        if (cnf.Kind == WorkloadKind.StatefulSet)
        {
            workload["serviceName"] = name;
        }
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = cnf.Kind.ToString(),
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = spec.Namespace, ["labels"] = Labels(name) },
            ["spec"] = workload,
        };
    }

    private static JsonObject PodMetadata(string name, NetworkFunctionSpec spec)
    {
        var metadata = new JsonObject { ["labels"] = Labels(name) };
        if (spec.Networks.Count > 0)
        {
            metadata["annotations"] = new JsonObject { ["k8s.v1.cni.cncf.io/networks"] = NetworkList(name, spec) };
        }
        return metadata;
    }

    private static JsonObject VirtualMachine(string name, NetworkFunctionSpec spec)
    {
        var vnf = spec.Vnf!;
        var disk = $"{name}-rootdisk";
        var source = vnf.Image.StartsWith("docker://", StringComparison.Ordinal)
            ? new JsonObject { ["registry"] = new JsonObject { ["url"] = vnf.Image } }
            : new JsonObject { ["http"] = new JsonObject { ["url"] = vnf.Image } };
        var disks = new JsonArray(new JsonObject { ["name"] = "rootdisk", ["disk"] = new JsonObject { ["bus"] = "virtio" } });
        var volumes = new JsonArray(new JsonObject { ["name"] = "rootdisk", ["dataVolume"] = new JsonObject { ["name"] = disk } });
        if (vnf.CloudInit is not null)
        {
            disks.Add(new JsonObject { ["name"] = "cloudinit", ["disk"] = new JsonObject { ["bus"] = "virtio" } });
            volumes.Add(new JsonObject { ["name"] = "cloudinit", ["cloudInitNoCloud"] = new JsonObject { ["userData"] = vnf.CloudInit } });
        }
        var interfaces = new JsonArray(new JsonObject { ["name"] = "default", ["masquerade"] = new JsonObject() });
        var networks = new JsonArray(new JsonObject { ["name"] = "default", ["pod"] = new JsonObject() });
        foreach (var network in spec.Networks)
        {
            interfaces.Add(new JsonObject { ["name"] = network.Name, ["bridge"] = new JsonObject() });
            networks.Add(new JsonObject { ["name"] = network.Name, ["multus"] = new JsonObject { ["networkName"] = $"{name}-{network.Name}" } });
        }
        var domain = new JsonObject
        {
            ["cpu"] = new JsonObject { ["cores"] = vnf.Cores },
            ["memory"] = new JsonObject { ["guest"] = vnf.Memory },
            ["devices"] = new JsonObject { ["disks"] = disks, ["interfaces"] = interfaces },
        };
        return new JsonObject
        {
            ["apiVersion"] = "kubevirt.io/v1",
            ["kind"] = "VirtualMachine",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = spec.Namespace, ["labels"] = Labels(name) },
            ["spec"] = new JsonObject
            {
                ["runStrategy"] = vnf.RunStrategy,
                ["dataVolumeTemplates"] = new JsonArray(new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = disk },
                    ["spec"] = new JsonObject
                    {
                        ["storage"] = new JsonObject { ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = vnf.DiskSize } } },
                        ["source"] = source,
                    },
                }),
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = Labels(name) },
                    ["spec"] = new JsonObject { ["domain"] = domain, ["networks"] = networks, ["volumes"] = volumes },
                },
            },
        };
    }
}
