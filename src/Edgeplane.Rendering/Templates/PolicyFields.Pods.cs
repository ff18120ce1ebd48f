using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Templates;

internal sealed partial record PolicyFields
{
    private static readonly string[] HostNamespaces = ["hostNetwork", "hostPID", "hostIPC"];
    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    private static List<PodFinding> Pods(JsonObject spec, string path, bool virtualMachine)
    {
        var findings = new List<PodFinding>();
        foreach (var field in HostNamespaces.Where(f => IsSet(spec[f])))
        {
            findings.Add(new PodFinding("PodHostAccess", $"{path}.{field}"));
        }
        foreach (var (volume, i) in Items(spec["volumes"]))
        {
            var host = volume.ContainsKey("hostPath") ? "hostPath" : virtualMachine && volume.ContainsKey("hostDisk") ? "hostDisk" : null;
            if (host is not null)
            {
                findings.Add(new PodFinding("PodHostAccess", $"{path}.volumes[{i}].{host}"));
            }
        }
        foreach (var list in ContainerLists)
        {
            foreach (var (container, i) in Items(spec[list]))
            {
                Container(container, $"{path}.{list}[{i}]", findings);
            }
        }
        return findings;
    }

    private static void Container(JsonObject container, string path, List<PodFinding> findings)
    {
        var security = container["securityContext"] as JsonObject;
        if (IsSet(security?["privileged"]))
        {
            findings.Add(new PodFinding("PodHostAccess", $"{path}.securityContext.privileged"));
        }
        foreach (var (port, j) in Items(container["ports"]))
        {
            if (port["hostPort"] is JsonValue v && v.ToJsonString() != "0")
            {
                findings.Add(new PodFinding("PodHostAccess", $"{path}.ports[{j}].hostPort"));
            }
        }
        if ((security?["capabilities"] as JsonObject)?["add"] is JsonArray added)
        {
            for (var k = 0; k < added.Count; k++)
            {
                var capability = Text(added[k]) ?? added[k]?.ToJsonString() ?? "null";
                if (!IsBaseline(capability))
                {
                    findings.Add(new PodFinding("CapabilityNotAllowed", $"{path}.securityContext.capabilities.add[{k}]", capability));
                }
            }
        }
    }
}
