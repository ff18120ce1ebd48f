using System.Text.Json.Nodes;
using Edgeplane.ApiMachinery.Labels;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// Finds the rules that apply to a user in one virtual cluster, as upstream's DefaultRuleResolver: first every
/// ClusterRoleBinding naming the user, then (for a namespaced request) every RoleBinding of that namespace naming it.
/// A RoleBinding's Role is looked up in the binding's own namespace only; a RoleBinding never reaches the cluster
/// scope, because cluster-scoped requests have no namespace to read RoleBindings from. A role that cannot be resolved
/// adds an error (its text is what kube-apiserver appends to a refusal after <c>RBAC:</c>) and grants nothing.
/// </summary>
internal sealed class RuleResolver(VirtualCluster cluster)
{
    public const string Group = "rbac.authorization.k8s.io";

    private static readonly ResourceKey ClusterRoleBindings = new(Group, "clusterrolebindings");
    private static readonly ResourceKey RoleBindings = new(Group, "rolebindings");
    private static readonly ResourceKey Roles = new(Group, "roles");
    private static readonly ResourceKey ClusterRoles = new(Group, "clusterroles");

    /// <summary>Errors met while resolving (missing roles, limits), in the order met.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Calls <paramref name="visit"/> for each applicable rule until it returns true; returns whether one did.</summary>
    public bool Any(RequestUser user, string? ns, Func<PolicyRule, bool> visit)
    {
        var bindings = 0;
        foreach (var binding in Bindings(user, ns))
        {
            if (++bindings > RbacLimits.MaxBindings)
            {
                Errors.Add($"KubeSim evaluates at most {RbacLimits.MaxBindings} bindings per request");
                return false;
            }
            if (RoleRules(binding.Role, binding.Namespace)?.Any(visit) == true)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every rule that applies to the user at <paramref name="ns"/> (the cluster scope when null).</summary>
    public List<PolicyRule> RulesFor(RequestUser user, string? ns)
    {
        var rules = new List<PolicyRule>();
        Any(user, ns, rule =>
        {
            rules.Add(rule);
            return false;
        });
        return rules;
    }

    /// <summary>The rules of a binding's role, or null (with an error) when it does not resolve.</summary>
    public IReadOnlyList<PolicyRule>? RoleRules(RoleRef role, string? bindingNamespace)
    {
        switch (role.Kind)
        {
            case "Role" when bindingNamespace is not null:
                var stored = cluster.Find(Roles, bindingNamespace, role.Name);
                if (stored is null)
                {
                    Errors.Add($"role.{Group} \"{role.Name}\" not found");
                    return null;
                }
                return Limited(RulesOf(JsonUtil.ParseObject(stored.Json)), $"Role {bindingNamespace}/{role.Name}");
            case "ClusterRole":
                return ClusterRoleRules(role.Name, 0);
            default:
                Errors.Add($"unsupported role reference kind: \"{role.Kind}\"");
                return null;
        }
    }

    private IEnumerable<RbacBinding> Bindings(RequestUser user, string? ns)
    {
        foreach (var stored in cluster.ListAll(ClusterRoleBindings))
        {
            var binding = RbacBinding.Parse(JsonUtil.ParseObject(stored.Json)) with { Namespace = null };
            if (binding.AppliesTo(user))
            {
                yield return binding;
            }
        }
        if (string.IsNullOrEmpty(ns))
        {
            yield break;
        }
        foreach (var stored in cluster.ListAll(RoleBindings, ns))
        {
            var binding = RbacBinding.Parse(JsonUtil.ParseObject(stored.Json)) with { Namespace = ns };
            if (binding.AppliesTo(user))
            {
                yield return binding;
            }
        }
    }

    private IReadOnlyList<PolicyRule>? ClusterRoleRules(string name, int depth)
    {
        var stored = cluster.Find(ClusterRoles, null, name);
        if (stored is not null)
        {
            var role = JsonUtil.ParseObject(stored.Json);
            var rules = role["aggregationRule"]?["clusterRoleSelectors"] is JsonArray selectors
                ? Aggregated(name, selectors, depth)
                : RulesOf(role);
            return Limited(rules, $"ClusterRole {name}");
        }
        if (!BuiltinClusterRoles.IsBuiltin(name))
        {
            Errors.Add($"clusterrole.{Group} \"{name}\" not found");
            return null;
        }
        var builtin = new List<PolicyRule>(BuiltinClusterRoles.OwnRules(name));
        if (BuiltinClusterRoles.AggregatesFrom(name) is { } inner && depth < RbacLimits.MaxAggregationDepth)
        {
            builtin.AddRange(ClusterRoleRules(inner, depth + 1) ?? []);
        }
        if (BuiltinClusterRoles.AggregationLabel(name) is { } label)
        {
            builtin.AddRange(Labelled(label, name).SelectMany(RulesOf));
        }
        return Limited(builtin, $"ClusterRole {name}");
    }

    /// <summary>What the ClusterRole aggregation controller writes into an aggregated role: the rules of every match.</summary>
    private List<PolicyRule> Aggregated(string name, JsonArray selectors, int depth)
    {
        var parsed = new List<LabelSelector>();
        foreach (var selector in selectors.OfType<JsonObject>())
        {
            try
            {
                parsed.Add(LabelSelector.FromStructured(selector));
            }
            catch (LabelSelectorException ex)
            {
                Errors.Add($"clusterrole.{Group} \"{name}\": invalid aggregationRule selector: {ex.Message}");
            }
        }
        var matches = cluster.ListAll(ClusterRoles)
            .Select(s => JsonUtil.ParseObject(s.Json))
            .Where(r => r.Name() != name && parsed.Any(p => !p.IsEmpty && p.Matches(r.Labels())))
            .Take(RbacLimits.MaxAggregatedRoles + 1)
            .ToList();
        if (matches.Count > RbacLimits.MaxAggregatedRoles)
        {
            Errors.Add($"clusterrole.{Group} \"{name}\" aggregates more than {RbacLimits.MaxAggregatedRoles} ClusterRoles, KubeSim's limit");
            return [];
        }
        return depth >= RbacLimits.MaxAggregationDepth
            ? []
            : matches.SelectMany(r => r["aggregationRule"] is null ? RulesOf(r) : ClusterRoleRules(r.Name()!, depth + 1) ?? []).ToList();
    }

    private IEnumerable<JsonObject> Labelled(string label, string except) =>
        cluster.ListAll(ClusterRoles)
            .Select(s => JsonUtil.ParseObject(s.Json))
            .Where(r => r.Name() != except && r.Labels().TryGetValue(label, out var value) && value == "true")
            .Take(RbacLimits.MaxAggregatedRoles);

    private IReadOnlyList<PolicyRule>? Limited(IReadOnlyList<PolicyRule> rules, string what)
    {
        if (rules.Count <= RbacLimits.MaxRulesPerRole)
        {
            return rules;
        }
        Errors.Add($"{what} has {rules.Count} rules, more than KubeSim's limit of {RbacLimits.MaxRulesPerRole}");
        return null;
    }

    private static List<PolicyRule> RulesOf(JsonObject role) =>
        (role["rules"] as JsonArray)?.Select(PolicyRule.Parse).ToList() ?? [];
}
