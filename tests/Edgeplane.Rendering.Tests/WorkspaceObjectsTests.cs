using System.Text.Json.Nodes;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Tests;
using Edgeplane.Rendering.Bundles;

namespace Edgeplane.Rendering.Tests;

/// <summary>
/// What a workspace renders itself, wherever its targets select (testdata/tenancy): its members' RoleBindings, its
/// quota and limits, its isolation NetworkPolicy; what its policy allows passes; a rejected workspace's last good
/// objects can be carried into the new revision.
/// </summary>
public sealed class WorkspaceObjectsTests : IDisposable
{
    private const string H = "apiVersion: edgeplane.dev/v1alpha1\n";
    private readonly TempFleet _fleet = new("tenancy");

    public void Dispose() => _fleet.Dispose();

    private void Spec(string fields) => _fleet.Replace("workspaces.yaml", "  namespaces: [team-ns, team-db]\n", "  namespaces: [team-ns, team-db]\n" + fields);

    private FleetRenderer Renderer()
    {
        var loaded = FleetLoader.Load(_fleet.Root);
        Assert.Empty(loaded.Diagnostics);
        return new FleetRenderer(loaded.Fleet!);
    }

    private Bundle Render(RenderOptions? options = null)
    {
        var result = Renderer().Render("edge-a", options);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Rejections);
        return result.Bundle!;
    }

    private static JsonObject? Find(Bundle bundle, string kind, string ns, string name) =>
        bundle.Objects.SingleOrDefault(o => o.Kind == kind && o.Namespace == ns && o.Name == name)?.ToJsonObject();

    [Fact]
    public void Render_Members_OneRoleBindingPerRoleInEachNamespace()
    {
        Spec("  members:\n    - {subject: \"group:team-ops\", role: admin}\n    - {subject: \"user:ana@example.com\", role: admin}\n"
            + "    - {subject: \"user:bo@example.com\", role: member}\n    - {subject: \"group:auditors\", role: viewer}\n");

        var bundle = Render();

        foreach (var ns in new[] { "team-ns", "team-db" })
        {
            var admins = Find(bundle, "RoleBinding", ns, "edgeplane-workspace-admins")!;
            Assert.Equal("""{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"}""", admins["roleRef"]!.ToJsonString());
            Assert.Equal("""[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"team-ops"},{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"ana@example.com"}]""",
                admins["subjects"]!.ToJsonString());
            Assert.Equal("edit", (string?)Find(bundle, "RoleBinding", ns, "edgeplane-workspace-members")!["roleRef"]!["name"]);
            Assert.Equal("""[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"bo@example.com"}]""",
                Find(bundle, "RoleBinding", ns, "edgeplane-workspace-members")!["subjects"]!.ToJsonString());
            Assert.Equal("view", (string?)Find(bundle, "RoleBinding", ns, "edgeplane-workspace-viewers")!["roleRef"]!["name"]);
            Assert.Equal("team", (string?)admins["metadata"]!["labels"]!["edgeplane.dev/workspace"]);
        }
    }

    [Fact]
    public void Render_MemberRemoved_LeavesTheBindingOnTheNextRender()
    {
        Spec("  members:\n    - {subject: \"group:team-ops\", role: admin}\n    - {subject: \"user:gone@example.com\", role: admin}\n"
            + "    - {subject: \"user:viewer@example.com\", role: viewer}\n");
        var before = Render();
        _fleet.Replace("workspaces.yaml", "    - {subject: \"user:gone@example.com\", role: admin}\n", "");
        _fleet.Replace("workspaces.yaml", "    - {subject: \"user:viewer@example.com\", role: viewer}\n", "");

        var after = Render();

        Assert.Contains("gone@example.com", Find(before, "RoleBinding", "team-ns", "edgeplane-workspace-admins")!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(Find(before, "RoleBinding", "team-ns", "edgeplane-workspace-viewers"));
        Assert.Equal("""[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"team-ops"}]""",
            Find(after, "RoleBinding", "team-ns", "edgeplane-workspace-admins")!["subjects"]!.ToJsonString());
        Assert.DoesNotContain(after.Objects, o => o.Name == "edgeplane-workspace-viewers");
        Assert.DoesNotContain(after.Objects, o => o.Name == "edgeplane-workspace-members");
    }

    [Fact]
    public void Render_QuotaAndLimitRange_OnePerNamespace()
    {
        Spec("  quota: {requests.cpu: \"4\", pods: \"20\"}\n  limitRange:\n    default: {cpu: 500m}\n    defaultRequest: {memory: 64Mi}\n    max: {memory: 2Gi}\n");

        var bundle = Render();

        foreach (var ns in new[] { "team-ns", "team-db" })
        {
            Assert.Equal("""{"hard":{"pods":"20","requests.cpu":"4"}}""", Find(bundle, "ResourceQuota", ns, "edgeplane-workspace")!["spec"]!.ToJsonString());
            Assert.Equal("""{"limits":[{"default":{"cpu":"500m"},"defaultRequest":{"memory":"64Mi"},"max":{"memory":"2Gi"},"type":"Container"}]}""",
                Find(bundle, "LimitRange", ns, "edgeplane-workspace")!["spec"]!.ToJsonString());
        }
    }

    [Fact]
    public void Render_NoQuotaNoLimits_NeitherRendered()
    {
        var bundle = Render();

        Assert.DoesNotContain(bundle.Objects, o => o.Kind is "ResourceQuota" or "LimitRange");
    }

    [Fact]
    public void Render_Isolation_AllowsOwnPlatformAndListedPeersOnly()
    {
        _fleet.Write("ws-peer.yaml", H + "kind: Workspace\nmetadata:\n  name: peer\nspec:\n  namespaces: [peer-ns]\n  allowedKinds: [ConfigMap]\n  targets: {layers: [edge]}\n");
        Spec("  network:\n    allowFrom: [{workspace: peer}, {namespace: monitoring}, {cidr: 203.0.113.0/24}]\n");

        var bundle = Render();

        var policy = Find(bundle, "NetworkPolicy", "team-db", "edgeplane-workspace-isolation")!;
        Assert.Equal("""{"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"edgeplane.dev/workspace":"team"}}},"""
            + """{"namespaceSelector":{"matchExpressions":[{"key":"edgeplane.dev/workspace","operator":"DoesNotExist"}]}},"""
            + """{"namespaceSelector":{"matchLabels":{"edgeplane.dev/workspace":"peer"}}},"""
            + """{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"monitoring"}}},"""
            + """{"ipBlock":{"cidr":"203.0.113.0/24"}}]}],"podSelector":{},"policyTypes":["Ingress"]}""", policy["spec"]!.ToJsonString());
        Assert.Equal("team", (string?)bundle.Objects.Single(o => o is { Kind: "Namespace", Name: "team-ns" }).ToJsonObject()["metadata"]!["labels"]!["edgeplane.dev/workspace"]);
        Assert.NotNull(Find(bundle, "NetworkPolicy", "peer-ns", "edgeplane-workspace-isolation"));
    }

    [Fact]
    public void Render_WorkspaceWithoutApplicationsOnATargetedCluster_StillGetsItsNamespacesAndPolicies()
    {
        _fleet.Write("ws-idle.yaml", H + "kind: Workspace\nmetadata:\n  name: idle\nspec:\n  namespaces: [idle-ns]\n  allowedKinds: [ConfigMap]\n"
            + "  members: [{subject: \"group:idlers\", role: viewer}]\n  targets: {layers: [edge]}\n");

        var bundle = Render();

        Assert.Contains(bundle.Objects, o => o is { Kind: "Namespace", Name: "idle-ns" });
        Assert.NotNull(Find(bundle, "RoleBinding", "idle-ns", "edgeplane-workspace-viewers"));
        Assert.NotNull(Find(bundle, "NetworkPolicy", "idle-ns", "edgeplane-workspace-isolation"));
    }

    [Fact]
    public void Render_AllowedCapabilityAndAllowedBindings_Pass()
    {
        Spec("  podSecurity: privileged\n  allowedCapabilities: [NET_ADMIN, IPC_LOCK]\n  allowedClusterRoles: [view, edit, admin]\n");
        _fleet.Write("apps/app1/manifests/du.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: du\nspec:\n  template:\n    spec:\n"
            + "      containers: [{name: du, image: i, securityContext: {capabilities: {add: [NET_ADMIN, IPC_LOCK, NET_BIND_SERVICE]}}}]\n"
            + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ops\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}\n"
            + "subjects: [{kind: ServiceAccount, name: default, namespace: team-db}, {kind: Group, apiGroup: rbac.authorization.k8s.io, name: team-ops}]\n"
            + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules: [{apiGroups: [\"\"], resources: [\"*\"], verbs: [get, list]}]\n");

        var bundle = Render();

        Assert.NotNull(Find(bundle, "Deployment", "team-ns", "du"));
        Assert.NotNull(Find(bundle, "RoleBinding", "team-ns", "ops"));
        Assert.NotNull(Find(bundle, "Role", "team-ns", "reader"));
    }

    [Fact]
    public void Render_WorkspaceObjects_LabelledWithTheirWorkspace_PlatformObjectsNot()
    {
        var bundle = Render();

        Assert.All(bundle.Objects.Where(o => o.Source is "Application/app1" or "Application/chart" or "Workspace/team"),
            o => Assert.Equal("team", (string?)o.ToJsonObject()["metadata"]!["labels"]!["edgeplane.dev/workspace"]));
        Assert.All(bundle.Objects.Where(o => o.Source.StartsWith("AddOn/", StringComparison.Ordinal) && o.Kind != "Namespace"),
            o => Assert.Null(o.ToJsonObject()["metadata"]!["labels"]!["edgeplane.dev/workspace"]));
    }
}
