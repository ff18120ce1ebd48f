namespace Edgeplane.KubeSim.Authorization;

/// <summary>
/// Kubernetes' user-facing ClusterRoles as the bootstrap policy defines them (plugin/pkg/auth/authorizer/rbac/
/// bootstrappolicy/policy.go): <c>cluster-admin</c> (everything), and the namespaced <c>view</c> (reads, not Secrets),
/// <c>edit</c> (view plus writes of workloads, Services, ConfigMaps, Secrets; not Roles, RoleBindings, quotas or the
/// Namespace) and <c>admin</c> (edit plus Roles and RoleBindings). Each of view/edit/admin also takes the rules of every
/// ClusterRole labelled <c>rbac.authorization.k8s.io/aggregate-to-&lt;name&gt;: "true"</c>, as the aggregation controller
/// gives them. A ClusterRole of the same name stored in the cluster replaces the built-in.
/// </summary>
internal static class BuiltinClusterRoles
{
    public const string AggregateLabelPrefix = "rbac.authorization.k8s.io/aggregate-to-";

    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "update", "patch", "delete", "deletecollection"];
    private static readonly string[] ReadWrite = [.. Read, .. Write];

    public static readonly IReadOnlyList<PolicyRule> ClusterAdmin =
    [
        PolicyRule.Of([PolicyRule.All], PolicyRule.All, PolicyRule.All),
        new([PolicyRule.All], [], [], [], [PolicyRule.All]),
    ];

    /// <summary>system:aggregate-to-view.</summary>
    private static readonly IReadOnlyList<PolicyRule> ViewRules =
    [
        PolicyRule.Of(Read, "", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
            "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"),
        PolicyRule.Of(Read, "", "limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status",
            "namespaces/status", "replicationcontrollers/status", "pods/log"),
        PolicyRule.Of(Read, "", "namespaces"),
        PolicyRule.Of(Read, "apps", "controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets",
            "daemonsets/status", "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"),
        PolicyRule.Of(Read, "autoscaling", "horizontalpodautoscalers", "horizontalpodautoscalers/status"),
        PolicyRule.Of(Read, "batch", "jobs", "cronjobs", "cronjobs/status", "jobs/status"),
        PolicyRule.Of(Read, "extensions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
            "ingresses", "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"),
        PolicyRule.Of(Read, "policy", "poddisruptionbudgets", "poddisruptionbudgets/status"),
        PolicyRule.Of(Read, "networking.k8s.io", "networkpolicies", "ingresses", "ingresses/status"),
    ];

    /// <summary>system:aggregate-to-edit.</summary>
    private static readonly IReadOnlyList<PolicyRule> EditRules =
    [
        PolicyRule.Of(Read, "", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"),
        PolicyRule.Of(["impersonate"], "", "serviceaccounts"),
        PolicyRule.Of(Write, "", "pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"),
        PolicyRule.Of(Write, "", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy",
            "endpoints", "persistentvolumeclaims", "configmaps", "secrets"),
        PolicyRule.Of(Write, "apps", "statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale",
            "deployments/rollback", "replicasets", "replicasets/scale"),
        PolicyRule.Of(Write, "autoscaling", "horizontalpodautoscalers"),
        PolicyRule.Of(Write, "batch", "jobs", "cronjobs"),
        PolicyRule.Of(Write, "extensions", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses",
            "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"),
        PolicyRule.Of(Write, "policy", "poddisruptionbudgets"),
        PolicyRule.Of(Write, "networking.k8s.io", "networkpolicies", "ingresses"),
    ];

    /// <summary>system:aggregate-to-admin.</summary>
    private static readonly IReadOnlyList<PolicyRule> AdminRules =
    [
        PolicyRule.Of(["create"], "authorization.k8s.io", "localsubjectaccessreviews"),
        PolicyRule.Of(ReadWrite, "rbac.authorization.k8s.io", "roles", "rolebindings"),
    ];

    public static bool IsBuiltin(string name) => name is "cluster-admin" or "admin" or "edit" or "view";

    /// <summary>The rules a built-in role holds itself; the aggregated roles also take <see cref="AggregatesFrom"/>.</summary>
    public static IReadOnlyList<PolicyRule> OwnRules(string name) => name switch
    {
        "cluster-admin" => ClusterAdmin,
        "view" => ViewRules,
        "edit" => EditRules,
        "admin" => AdminRules,
        _ => [],
    };

    /// <summary>Upstream chains the aggregation: view is labelled to aggregate into edit, and edit into admin.</summary>
    public static string? AggregatesFrom(string name) => name switch
    {
        "edit" => "view",
        "admin" => "edit",
        _ => null,
    };

    /// <summary>The label a ClusterRole carries to add its rules to a built-in aggregated role (null for cluster-admin).</summary>
    public static string? AggregationLabel(string name) => name is "admin" or "edit" or "view" ? AggregateLabelPrefix + name : null;
}
