namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// Whether one set of rules holds every permission of another, as upstream's policy comparator (pkg/registry/rbac/
/// validation/policy_comparator.go): the new rules are broken into one rule per group, resource, verb and name, and each
/// must be covered by some held rule. A wildcard in a new rule is covered only by the same wildcard.
/// </summary>
internal static class RuleCoverage
{
    /// <summary>The broken-down rules of <paramref name="wanted"/> that <paramref name="held"/> does not cover; null past the limit.</summary>
    public static List<PolicyRule>? Uncovered(IReadOnlyList<PolicyRule> held, IReadOnlyList<PolicyRule> wanted)
    {
        var atoms = wanted.SelectMany(Breakdown).Take(RbacLimits.MaxEscalationRules + 1).ToList();
        return atoms.Count > RbacLimits.MaxEscalationRules ? null : atoms.Where(a => !held.Any(h => Covers(h, a))).ToList();
    }

    public static IEnumerable<PolicyRule> Breakdown(PolicyRule rule)
    {
        foreach (var group in rule.ApiGroups)
        {
            foreach (var resource in rule.Resources)
            {
                foreach (var verb in rule.Verbs)
                {
                    if (rule.ResourceNames.Count == 0)
                    {
                        yield return new PolicyRule([verb], [group], [resource], [], []);
                        continue;
                    }
                    foreach (var name in rule.ResourceNames)
                    {
                        yield return new PolicyRule([verb], [group], [resource], [name], []);
                    }
                }
            }
        }
        foreach (var url in rule.NonResourceUrls)
        {
            foreach (var verb in rule.Verbs)
            {
                yield return new PolicyRule([verb], [], [], [], [url]);
            }
        }
    }

    /// <summary>
    /// Upstream's CompactRules then CompactString, sorted: rules on one group and resource (and at most one name) merge
    /// their verbs, e.g. <c>{APIGroups:["apps"], Resources:["deployments"], Verbs:["create" "delete"]}</c>.
    /// </summary>
    public static List<string> Describe(IReadOnlyList<PolicyRule> rules)
    {
        var merged = new Dictionary<(string Group, string Resource, string? Name), List<string>>();
        var order = new List<PolicyRule>();
        foreach (var rule in rules)
        {
            if (rule.ApiGroups.Count == 1 && rule.Resources.Count == 1 && rule.ResourceNames.Count <= 1 && rule.NonResourceUrls.Count == 0)
            {
                var key = (rule.ApiGroups[0], rule.Resources[0], rule.ResourceNames.FirstOrDefault());
                if (!merged.TryGetValue(key, out var verbs))
                {
                    merged[key] = verbs = [];
                }
                verbs.AddRange(rule.Verbs);
                continue;
            }
            order.Add(rule);
        }
        order.AddRange(merged.Select(m => new PolicyRule(m.Value, [m.Key.Group], [m.Key.Resource], m.Key.Name is null ? [] : [m.Key.Name], [])));
        return order.Select(CompactString).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static string CompactString(PolicyRule rule)
    {
        var parts = new List<string>();
        Add(parts, "APIGroups", rule.ApiGroups);
        Add(parts, "Resources", rule.Resources);
        Add(parts, "NonResourceURLs", rule.NonResourceUrls);
        Add(parts, "ResourceNames", rule.ResourceNames);
        Add(parts, "Verbs", rule.Verbs);
        return "{" + string.Join(", ", parts) + "}";
    }

    private static void Add(List<string> parts, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            parts.Add($"{name}:{GoQuote.List(values)}");
        }
    }

    private static bool Covers(PolicyRule held, PolicyRule atom) =>
        (Has(held.Verbs, PolicyRule.All) || HasAll(held.Verbs, atom.Verbs))
        && (Has(held.ApiGroups, PolicyRule.All) || HasAll(held.ApiGroups, atom.ApiGroups))
        && ResourcesCover(held.Resources, atom.Resources)
        && atom.NonResourceUrls.All(url => held.NonResourceUrls.Any(h => UrlCovers(h, url)))
        && (held.ResourceNames.Count == 0 || (atom.ResourceNames.Count > 0 && HasAll(held.ResourceNames, atom.ResourceNames)));

    private static bool ResourcesCover(IReadOnlyList<string> held, IReadOnlyList<string> wanted)
    {
        if (Has(held, PolicyRule.All) || HasAll(held, wanted))
        {
            return true;
        }
        foreach (var resource in wanted)
        {
            var slash = resource.IndexOf('/', StringComparison.Ordinal);
            if (!Has(held, resource) && (slash < 0 || !Has(held, "*/" + resource[(slash + 1)..])))
            {
                return false;
            }
        }
        return true;
    }

    private static bool UrlCovers(string held, string url) =>
        held == url || (held.EndsWith('*') && url.StartsWith(held.TrimEnd('*'), StringComparison.Ordinal));

    private static bool Has(IReadOnlyList<string> values, string value) => values.Contains(value, StringComparer.Ordinal);

    private static bool HasAll(IReadOnlyList<string> values, IReadOnlyList<string> wanted) => wanted.All(w => Has(values, w));
}
