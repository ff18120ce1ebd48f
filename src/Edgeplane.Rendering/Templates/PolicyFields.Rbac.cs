using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Templates;

internal sealed partial record PolicyFields
{
    private static readonly string[] EscalatingVerbs = ["escalate", "bind", "impersonate"];

    private static RbacFields? ReadRbac(string kind, JsonObject obj) => kind switch
    {
        "RoleBinding" or "ClusterRoleBinding" => new RbacFields(Text(At(obj, "roleRef")?["kind"]), Text(At(obj, "roleRef")?["name"]),
            [.. Items(obj["subjects"]).Select(s => new RbacSubject(Text(s.Item["kind"]) ?? "", Text(s.Item["name"]) ?? "", Text(s.Item["namespace"])))], []),
        "Role" or "ClusterRole" => new RbacFields(null, null, [], Escalating(obj)),
        _ => null,
    };

    /// <summary>Each rule that grants escalate, bind or impersonate, or any verb or resource of the RBAC API through <c>*</c>.</summary>
    private static List<string> Escalating(JsonObject role)
    {
        var found = new List<string>();
        foreach (var (rule, i) in Items(role["rules"]))
        {
            var verbs = Strings(rule["verbs"]);
            var groups = Strings(rule["apiGroups"]);
            var resources = Strings(rule["resources"]);
            var named = verbs.Where(v => EscalatingVerbs.Contains(v, StringComparer.Ordinal) || v.Contains("${", StringComparison.Ordinal)).ToList();
            if (named.Count > 0)
            {
                found.Add($"rules[{i}] grants {string.Join(", ", named)}");
            }
            else if ((groups.Contains(RbacGroup) || groups.Contains("*")) && (verbs.Contains("*") || resources.Contains("*")))
            {
                found.Add($"rules[{i}] grants * on the RBAC API ({RbacGroup})");
            }
        }
        return found;
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => Text(n) ?? n?.ToJsonString() ?? "")] : [];
}
