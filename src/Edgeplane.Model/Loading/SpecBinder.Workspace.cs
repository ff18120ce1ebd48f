using System.Text.RegularExpressions;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;

namespace Edgeplane.Model.Loading;

internal static partial class SpecBinder
{
    /// <summary>The most entries of a workspace's quota, of each limitRange map, of allowFrom and of each allowed list.</summary>
    public const int MaxWorkspaceEntries = 32;

    public static WorkspaceSpec Workspace(SpecReader r)
    {
        var members = r.List("members", m =>
        {
            var subject = m.String("subject", required: true);
            var role = m.Enum<WorkspaceRole>("role", required: true);
            if (subject is not null && WorkspaceMemberSpec.Parse(subject) is null)
            {
                m.Error("subject", "InvalidValue", $"{m.FieldPath("subject")} \"{subject}\" must be user:<name> or group:<name>, "
                    + "printable ASCII, not system:… (Kubernetes reserves those)");
                return null;
            }
            return subject is null || role is null ? null : new WorkspaceMemberSpec(subject, role.Value);
        });
        var namespaces = r.Strings("namespaces", names: true, required: true);
        var targets = Placement(r.Object("targets", required: true));
        return new WorkspaceSpec(r.String("description"), members, namespaces, AllowedKinds(r), targets,
            r.Enum<PodSecurityLevel>("podSecurity") ?? PodSecurityLevel.Baseline)
        {
            Quota = Quantities(r, "quota"),
            LimitRange = LimitRange(r.Object("limitRange")),
            AllowFrom = AllowFrom(r.Object("network")),
            AllowedClusterRoles = r.Has("allowedClusterRoles") ? ClusterRoles(r) : WorkspaceSpec.DefaultClusterRoles,
            AllowedCapabilities = Capabilities(r),
        };
    }

    private static List<KindPattern> AllowedKinds(SpecReader r)
    {
        var kinds = new List<KindPattern>();
        var written = r.Strings("allowedKinds", required: true);
        for (var i = 0; i < written.Count; i++)
        {
            if (KindPattern.Parse(written[i]) is { } pattern)
            {
                kinds.Add(pattern);
            }
            else
            {
                r.Bag.Add(r.Map.Of(r.Node["allowedKinds"]![i]), "InvalidValue",
                    $"{r.Owner}: spec.allowedKinds[{i}] \"{written[i]}\" must be Kind, group/Kind, group/* or *");
            }
        }
        return kinds;
    }

    /// <summary>A map of resource name → Kubernetes quantity (<c>requests.cpu: "4"</c>, <c>memory: 512Mi</c>).</summary>
    private static IReadOnlyDictionary<string, string> Quantities(SpecReader r, string key)
    {
        var map = r.StringMap(key);
        if (map.Count > MaxWorkspaceEntries)
        {
            r.Error(key, "TooMany", $"{r.FieldPath(key)} has {map.Count} entries; at most {MaxWorkspaceEntries} are allowed");
            return new Dictionary<string, string>();
        }
        var valid = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (resource, quantity) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var at = r.Map.OfValue((System.Text.Json.Nodes.JsonObject)r.Node[key]!, resource);
            if (!ResourceName().IsMatch(resource) || resource.Length > 253)
            {
                r.Bag.Add(at, "InvalidValue", $"{r.Owner}: {r.FieldPath(key)}: \"{resource}\" is not a resource name (such as cpu, requests.memory, count/deployments.apps)");
            }
            else if (!Quantity().IsMatch(quantity))
            {
                r.Bag.Add(at, "InvalidValue", $"{r.Owner}: {r.FieldPath(key)}.{resource}: \"{quantity}\" is not a Kubernetes quantity (such as 500m, 4, 8Gi, 1e3)");
            }
            else
            {
                valid[resource] = quantity;
            }
        }
        return valid;
    }

    private static WorkspaceLimitRangeSpec? LimitRange(SpecReader? r)
    {
        if (r is null)
        {
            return null;
        }
        var spec = new WorkspaceLimitRangeSpec(Quantities(r, "default"), Quantities(r, "defaultRequest"), Quantities(r, "max"));
        r.Done();
        if (r.Node.Count == 0)
        {
            r.Bag.Add(r.Location, "InvalidValue", $"{r.Owner}: {r.Path} must set at least one of default, defaultRequest or max");
            return null;
        }
        return spec;
    }

    private static IReadOnlyList<WorkspacePeerSpec> AllowFrom(SpecReader? network)
    {
        if (network is null)
        {
            return [];
        }
        var peers = network.List("allowFrom", p =>
        {
            var workspace = p.Name("workspace");
            var ns = p.Name("namespace");
            var cidr = p.String("cidr");
            if (cidr is not null && !System.Net.IPNetwork.TryParse(cidr, out _))
            {
                p.Error("cidr", "InvalidValue", $"{p.FieldPath("cidr")} \"{cidr}\" is not an address range such as 203.0.113.0/24");
                return null;
            }
            if (new[] { workspace, ns, cidr }.Count(v => v is not null) != 1)
            {
                p.Bag.Add(p.Location, "InvalidValue", $"{p.Owner}: {p.Path} must set exactly one of workspace, namespace or cidr");
                return null;
            }
            return new WorkspacePeerSpec(workspace, ns, cidr);
        });
        network.Done();
        return Bounded(network, "allowFrom", peers);
    }

    private static IReadOnlyList<string> ClusterRoles(SpecReader r)
    {
        var roles = r.Strings("allowedClusterRoles", required: true).ToList();
        for (var i = roles.Count - 1; i >= 0; i--)
        {
            var at = r.Map.Of(r.Node["allowedClusterRoles"]![i]);
            if (roles[i] == "cluster-admin" || roles[i].StartsWith("system:", StringComparison.Ordinal))
            {
                r.Bag.Add(at, "InvalidValue", $"{r.Owner}: spec.allowedClusterRoles[{i}] \"{roles[i]}\" may never be bound by a workspace: it grants rights over the whole cluster");
                roles.RemoveAt(i);
            }
            else if (!ClusterRoleName().IsMatch(roles[i]) || roles[i].Length > 253)
            {
                r.Bag.Add(at, "InvalidName", $"{r.Owner}: spec.allowedClusterRoles[{i}] \"{roles[i]}\" is not a ClusterRole name (lowercase letters, digits, '-', '.', ':')");
                roles.RemoveAt(i);
            }
        }
        return Bounded(r, "allowedClusterRoles", roles);
    }

    private static IReadOnlyList<string> Capabilities(SpecReader r)
    {
        var capabilities = r.Strings("allowedCapabilities").ToList();
        for (var i = capabilities.Count - 1; i >= 0; i--)
        {
            if (!Capability().IsMatch(capabilities[i]) || capabilities[i] == "ALL" || capabilities[i].StartsWith("CAP_", StringComparison.Ordinal))
            {
                r.Bag.Add(r.Map.Of(r.Node["allowedCapabilities"]![i]), "InvalidValue",
                    $"{r.Owner}: spec.allowedCapabilities[{i}] \"{capabilities[i]}\" must be one capability as Kubernetes writes it (NET_ADMIN, IPC_LOCK: uppercase, without CAP_; not ALL)");
                capabilities.RemoveAt(i);
            }
        }
        return Bounded(r, "allowedCapabilities", capabilities);
    }

    private static IReadOnlyList<T> Bounded<T>(SpecReader r, string key, IReadOnlyList<T> items)
    {
        if (items.Count <= MaxWorkspaceEntries)
        {
            return items;
        }
        r.Error(key, "TooMany", $"{r.FieldPath(key)} has {items.Count} entries; at most {MaxWorkspaceEntries} are allowed");
        return [.. items.Take(MaxWorkspaceEntries)];
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9./]*[a-z0-9])?$")]
    private static partial Regex ResourceName();

    [GeneratedRegex(@"^(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$")]
    private static partial Regex Quantity();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$")]
    private static partial Regex ClusterRoleName();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex Capability();
}
