using System.Text.Json.Nodes;

namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// One RBAC rule (<c>rbac.authorization.k8s.io/v1 PolicyRule</c>) and how it matches a request, as upstream's
/// <c>RuleAllows</c>: verb, API group and resource each match exactly or by <c>*</c>; a <c>*/sub</c> resource matches
/// that subresource of any resource; <c>resourceNames</c>, when set, must name the object.
/// </summary>
internal sealed record PolicyRule(IReadOnlyList<string> Verbs, IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames, IReadOnlyList<string> NonResourceUrls)
{
    public const string All = "*";

    /// <summary>A resource rule, for the built-in roles.</summary>
    public static PolicyRule Of(IReadOnlyList<string> verbs, string group, params string[] resources) => new(verbs, [group], resources, [], []);

    /// <summary>A rule as stored in a Role or ClusterRole (missing lists are empty).</summary>
    public static PolicyRule Parse(JsonNode? node) =>
        new(Strings(node?["verbs"]), Strings(node?["apiGroups"]), Strings(node?["resources"]), Strings(node?["resourceNames"]), Strings(node?["nonResourceURLs"]));

    public bool Allows(ResourceAttributes request) =>
        Matches(Verbs, request.Verb)
        && Matches(ApiGroups, request.Group)
        && MatchesResource(request.CombinedResource, request.Subresource)
        && (ResourceNames.Count == 0 || (!string.IsNullOrEmpty(request.Name) && ResourceNames.Contains(request.Name, StringComparer.Ordinal)));

    private static bool Matches(IReadOnlyList<string> values, string value) =>
        values.Any(v => v == All || string.Equals(v, value, StringComparison.Ordinal));

    private bool MatchesResource(string combined, string? subresource) =>
        Resources.Any(r => r == All || string.Equals(r, combined, StringComparison.Ordinal)
            || (!string.IsNullOrEmpty(subresource) && string.Equals(r, $"*/{subresource}", StringComparison.Ordinal)));

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => (v as JsonValue)?.ToString()).OfType<string>()] : [];
}
