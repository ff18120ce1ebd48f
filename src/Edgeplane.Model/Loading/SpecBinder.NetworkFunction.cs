using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Loading;

internal static partial class SpecBinder
{
    public static NetworkFunctionSpec? NetworkFunction(SpecReader r)
    {
        var workspace = r.Name("workspace", required: true);
        var type = r.Enum<NetworkFunctionType>("type", required: true);
        var ns = r.Name("namespace", required: true);
        var placement = RequiredPlacement(r);
        var networks = r.List("networks", n =>
        {
            var name = n.Name("name", required: true);
            var cni = n.Object("cni", required: true);
            var resource = n.String("resourceName");
            return name is null || cni is null ? null : new NetworkSpec(name, cni.Node, resource);
        });
        var ports = r.List("ports", p =>
        {
            var name = p.Name("name", required: true);
            var port = p.Int("port", 1, 65535, required: true);
            var protocol = p.String("protocol") ?? "TCP";
            if (protocol is not ("TCP" or "UDP" or "SCTP"))
            {
                p.Error("protocol", "InvalidValue", $"{p.FieldPath("protocol")} \"{protocol}\" must be TCP, UDP or SCTP");
            }
            return name is null || port is null ? null : new PortSpec(name, port.Value, protocol);
        });
        var cnf = Cnf(r.Object("cnf"));
        var vnf = Vnf(r.Object("vnf"));
        CheckTypeBlock(r, type, cnf is not null || r.Node.ContainsKey("cnf"), r.Node.ContainsKey("vnf"));
        var spec = new NetworkFunctionSpec(workspace!, type ?? NetworkFunctionType.Cnf, r.String("version"), ns!, placement,
            DependsOn(r, ResourceKind.NetworkFunction, WorkloadDeps), networks, ports, cnf, vnf, r.Variables("variables"), Overrides(r));
        var complete = type switch { NetworkFunctionType.Cnf => cnf is not null, NetworkFunctionType.Vnf => vnf is not null, _ => false };
        return workspace is null || ns is null || !complete ? null : spec;
    }

    private static void CheckTypeBlock(SpecReader r, NetworkFunctionType? type, bool hasCnf, bool hasVnf)
    {
        if (type == NetworkFunctionType.Cnf && (!hasCnf || hasVnf))
        {
            r.Error("type", "InvalidValue", "a CNF needs spec.cnf and no spec.vnf");
        }
        if (type == NetworkFunctionType.Vnf && (!hasVnf || hasCnf))
        {
            r.Error("type", "InvalidValue", "a VNF needs spec.vnf and no spec.cnf");
        }
    }

    private static CnfSpec? Cnf(SpecReader? r)
    {
        if (r is null)
        {
            return null;
        }
        var kind = r.Enum<WorkloadKind>("kind", pascalCase: true) ?? WorkloadKind.Deployment;
        var image = r.String("image", required: true);
        var replicas = r.Int("replicas", 0, 1000) ?? 1;
        var spec = new CnfSpec(kind, image ?? "", replicas, r.Strings("args"), r.StringMap("env"), r.Values("resources"));
        r.Done();
        return image is null ? null : spec;
    }

    private static VnfSpec? Vnf(SpecReader? r)
    {
        if (r is null)
        {
            return null;
        }
        var image = r.String("image", required: true);
        if (image is not null && !image.StartsWith("docker://", StringComparison.Ordinal) && !image.StartsWith("https://", StringComparison.Ordinal)
            && !image.StartsWith("http://", StringComparison.Ordinal))
        {
            r.Error("image", "InvalidValue", $"{r.FieldPath("image")} \"{image}\" must start with docker://, http:// or https://");
            image = null;
        }
        var spec = new VnfSpec(image ?? "", r.String("diskSize") ?? "10Gi", r.Int("cores", 1, 256) ?? 1, r.String("memory") ?? "2Gi",
            r.String("cloudInit"), r.String("runStrategy") ?? "Always");
        r.Done();
        return image is null ? null : spec;
    }
}
