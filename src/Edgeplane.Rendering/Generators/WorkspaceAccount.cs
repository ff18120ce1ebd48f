using System.Text.Json.Nodes;
using Edgeplane.Model.Specs;

namespace Edgeplane.Rendering.Generators;

/// <summary>
/// The account a workspace's Flux objects run as (Flux's multi-tenancy pattern): a ServiceAccount in each namespace the
/// workspace owns — a HelmRelease impersonates a ServiceAccount of its own namespace — and in each owned namespace a
/// RoleBinding of the built-in namespaced <c>admin</c> ClusterRole to all of them. Never a ClusterRoleBinding: whatever
/// a chart renders, Flux can only create it inside the workspace's namespaces. Tokens are not mounted into pods.
/// </summary>
internal static class WorkspaceAccount
{
    /// <summary>The ServiceAccount (and RoleBinding) name in every namespace a workspace owns.</summary>
    public const string Name = "edgeplane-workspace";

    /// <summary>The ClusterRole bound in each owned namespace: Kubernetes' namespace-admin role (Flux aggregates its own kinds into it).</summary>
    public const string Role = "admin";

    /// <summary>The account add-on HelmReleases name: Flux's own helm-controller, which the platform binds to cluster-admin.</summary>
    public const string PlatformName = "helm-controller";

    /// <summary>
    /// A workspace's own objects: its namespaces (with the Pod Security Standard enforced on them: without it, a pod with
    /// a host path would make the namespace-admin account node root), then in each its ServiceAccount and RoleBinding,
    /// its members' RoleBindings (<see cref="WorkspaceAccess"/>) and its quota, limits and isolation (<see cref="WorkspacePolicies"/>).
    /// </summary>
    public static List<JsonObject> WithNamespaces(string workspace, WorkspaceSpec spec) =>
    [
        .. spec.Namespaces.Select(ns => NamespaceObjects.Namespace(ns, workspace, spec.PodSecurity)),
        .. spec.Namespaces.SelectMany(ns => new[] { ServiceAccount(ns, workspace), RoleBinding(ns, workspace, spec.Namespaces) }
            .Concat(WorkspaceAccess.RoleBindings(ns, workspace, spec.Members))
            .Concat(WorkspacePolicies.For(ns, workspace, spec))),
    ];

    public static JsonObject ServiceAccount(string ns, string workspace) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ServiceAccount",
        ["metadata"] = Metadata(ns, workspace),
        ["automountServiceAccountToken"] = false,
    };

    public static JsonObject RoleBinding(string ns, string workspace, IReadOnlyList<string> namespaces) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "RoleBinding",
        ["metadata"] = Metadata(ns, workspace),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = Role },
        ["subjects"] = new JsonArray([.. namespaces.Select(n => (JsonNode)new JsonObject
        {
            ["kind"] = "ServiceAccount",
            ["name"] = Name,
            ["namespace"] = n,
        })]),
    };

    private static JsonObject Metadata(string ns, string workspace) => new()
    {
        ["name"] = Name,
        ["namespace"] = ns,
        ["labels"] = new JsonObject { ["edgeplane.dev/workspace"] = workspace },
    };
}
