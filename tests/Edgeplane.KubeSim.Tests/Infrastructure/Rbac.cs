using System.Text.Json.Nodes;
using k8s;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>RBAC objects for tests, written by the cluster's administrator, and clients that impersonate someone.</summary>
public static class Rbac
{
    public const string Group = "rbac.authorization.k8s.io";

    public static string ServiceAccount(string ns, string name) => $"system:serviceaccount:{ns}:{name}";

    /// <summary>A client whose every request carries <c>Impersonate-User</c> and one <c>Impersonate-Group</c> per group.</summary>
    public static Kubernetes As(KubeSimCluster cluster, string user, params string[] groups) =>
        new(new KubernetesClientConfiguration { Host = cluster.Uri.ToString().TrimEnd('/') }, new Impersonating(user, groups));

    public static JsonObject Subject(string kind, string name, string? ns = null)
    {
        var subject = new JsonObject { ["kind"] = kind, ["name"] = name };
        if (kind != "ServiceAccount")
        {
            subject["apiGroup"] = Group;
        }
        if (ns is not null)
        {
            subject["namespace"] = ns;
        }
        return subject;
    }

    public static JsonObject Rule(string[] verbs, string[] groups, string[] resources, string[]? names = null)
    {
        var rule = new JsonObject { ["apiGroups"] = Strings(groups), ["resources"] = Strings(resources), ["verbs"] = Strings(verbs) };
        if (names is not null)
        {
            rule["resourceNames"] = Strings(names);
        }
        return rule;
    }

    public static async Task NamespaceAsync(Kubernetes admin, string name) =>
        await admin.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = name } });

    public static Task RoleAsync(Kubernetes admin, string ns, string name, params JsonObject[] rules) =>
        admin.CreateAsync(Group, "v1", "roles", ns, Object("Role", name, ns, r => r["rules"] = new JsonArray(rules)));

    public static Task ClusterRoleAsync(Kubernetes admin, string name, IDictionary<string, string>? labels, params JsonObject[] rules) =>
        admin.CreateClusterAsync(Group, "v1", "clusterroles", Object("ClusterRole", name, null, r =>
        {
            r["rules"] = new JsonArray(rules);
            if (labels is not null)
            {
                r["metadata"]!["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
            }
        }));

    public static Task RoleBindingAsync(Kubernetes admin, string ns, string name, string roleKind, string role, params JsonObject[] subjects) =>
        admin.CreateAsync(Group, "v1", "rolebindings", ns, Binding("RoleBinding", name, ns, roleKind, role, subjects));

    public static Task ClusterRoleBindingAsync(Kubernetes admin, string name, string role, params JsonObject[] subjects) =>
        admin.CreateClusterAsync(Group, "v1", "clusterrolebindings", Binding("ClusterRoleBinding", name, null, "ClusterRole", role, subjects));

    public static JsonObject Binding(string kind, string name, string? ns, string roleKind, string role, params JsonObject[] subjects) =>
        Object(kind, name, ns, b =>
        {
            b["roleRef"] = new JsonObject { ["apiGroup"] = Group, ["kind"] = roleKind, ["name"] = role };
            b["subjects"] = new JsonArray(subjects.Select(s => (JsonNode)s.DeepClone()).ToArray());
        });

    public static JsonObject Object(string kind, string name, string? ns, Action<JsonObject> fill)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }
        var obj = new JsonObject { ["apiVersion"] = $"{Group}/v1", ["kind"] = kind, ["metadata"] = meta };
        fill(obj);
        return obj;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private sealed class Impersonating(string user, string[] groups) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("Impersonate-User", user);
            foreach (var group in groups)
            {
                request.Headers.Add("Impersonate-Group", group);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
