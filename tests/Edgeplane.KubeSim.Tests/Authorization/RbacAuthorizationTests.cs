using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Edgeplane.KubeSim.Tests.Authorization;

/// <summary>
/// Requests that impersonate someone are authorised by RBAC over the cluster's own Roles and bindings, as
/// kube-apiserver's RBAC authoriser does; refusals are kube-apiserver's 403 Status, word for word.
/// </summary>
[Collection(SimCollection.Name)]
public sealed class RbacAuthorizationTests(SimFixture sim)
{
    private static readonly string Deployer = Rbac.ServiceAccount("team", "deployer");

    [Fact]
    public async Task Admin_BoundInItsNamespace_WritesWorkloadsRolesAndBindings_NothingElsewhere()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.RoleBindingAsync(admin, "team", "deployer", "ClusterRole", "admin", Rbac.Subject("ServiceAccount", "deployer", "team"));
        var deployer = Rbac.As(cluster, Deployer);

        await deployer.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings", "team"), "team");
        await deployer.CreateAsync("apps", "v1", "deployments", "team", Deployment("team"));
        await Rbac.RoleAsync(deployer, "team", "reader", Rbac.Rule(["get", "list"], [""], ["configmaps"]));
        await Rbac.RoleBindingAsync(deployer, "team", "readers", "Role", "reader", Rbac.Subject("User", "lena"));
        var elsewhere = await ApiError.StatusOf(() => deployer.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings", "default"), "default"), 403);

        Assert.Equal("configmaps is forbidden: User \"system:serviceaccount:team:deployer\" cannot create resource \"configmaps\" " +
            "in API group \"\" in the namespace \"default\"", Message(elsewhere));
        Assert.Equal("web", (await admin.AppsV1.ReadNamespacedDeploymentAsync("web", "team")).Metadata.Name);
        Assert.Equal("readers", (await admin.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("readers", "team")).Metadata.Name);
        Assert.Empty((await admin.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Fact]
    public async Task Admin_CreatesAClusterRoleBinding_403StatusInTheUpstreamForm_NothingCreated()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.RoleBindingAsync(admin, "team", "deployer", "ClusterRole", "admin", Rbac.Subject("ServiceAccount", "deployer", "team"));
        var deployer = Rbac.As(cluster, Deployer);
        var grab = Rbac.Binding("ClusterRoleBinding", "grab", null, "ClusterRole", "cluster-admin", Rbac.Subject("ServiceAccount", "deployer", "team"));

        var status = await ApiError.StatusOf(() => deployer.CreateClusterAsync(Rbac.Group, "v1", "clusterrolebindings", grab), 403);

        var expected = JsonNode.Parse(
            """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"clusterrolebindings.rbac.authorization.k8s.io is forbidden: User \"system:serviceaccount:team:deployer\" cannot create resource \"clusterrolebindings\" in API group \"rbac.authorization.k8s.io\" at the cluster scope","reason":"Forbidden","details":{"group":"rbac.authorization.k8s.io","kind":"clusterrolebindings"},"code":403}
            """);
        Assert.True(JsonNode.DeepEquals(expected, status), status.ToJsonString());
        Assert.Empty((await admin.RbacAuthorizationV1.ListClusterRoleBindingAsync()).Items);
    }

    [Theory]
    [InlineData("namespaces", "namespaces is forbidden: User \"system:serviceaccount:team:deployer\" cannot create resource \"namespaces\" in API group \"\" at the cluster scope")]
    [InlineData("crd", "customresourcedefinitions.apiextensions.k8s.io is forbidden: User \"system:serviceaccount:team:deployer\" cannot create resource \"customresourcedefinitions\" in API group \"apiextensions.k8s.io\" at the cluster scope")]
    [InlineData("quota", "resourcequotas is forbidden: User \"system:serviceaccount:team:deployer\" cannot create resource \"resourcequotas\" in API group \"\" in the namespace \"team\"")]
    [InlineData("delete-namespace", "namespaces \"team\" is forbidden: User \"system:serviceaccount:team:deployer\" cannot delete resource \"namespaces\" in API group \"\" in the namespace \"team\"")]
    public async Task Admin_NamespacedRole_NoNamespacesCrdsQuotasOrItsOwnNamespace(string what, string message)
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.RoleBindingAsync(admin, "team", "deployer", "ClusterRole", "admin", Rbac.Subject("ServiceAccount", "deployer", "team"));
        var deployer = Rbac.As(cluster, Deployer);
        var before = cluster.ResourceVersion;

        var status = await ApiError.StatusOf(() => what switch
        {
            "namespaces" => deployer.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "mine" } }),
            "crd" => deployer.CreateClusterAsync("apiextensions.k8s.io", "v1", "customresourcedefinitions", Fixtures.Json("widget-crd.json")),
            "quota" => deployer.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota { Metadata = new V1ObjectMeta { Name = "more" } }, "team"),
            _ => deployer.CoreV1.DeleteNamespaceAsync("team"),
        }, 403);

        Assert.Equal(message, Message(status));
        Assert.Equal(before, cluster.ResourceVersion);
        Assert.Equal("team", (await deployer.CoreV1.ReadNamespaceAsync("team")).Metadata.Name); // reading its own namespace is allowed
        Assert.Empty((await deployer.CoreV1.ListNamespacedResourceQuotaAsync("team")).Items); // and its quotas
    }

    [Fact]
    public async Task ClusterAdminBoundByARoleBinding_OwnsTheNamespaceObject_NeverTheClusterScope()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.NamespaceAsync(admin, "other");
        await Rbac.RoleBindingAsync(admin, "team", "ops", "ClusterRole", "cluster-admin", Rbac.Subject("User", "ops"));
        var ops = Rbac.As(cluster, "ops");

        var crbs = await ApiError.StatusOf(() => ops.RbacAuthorizationV1.ListClusterRoleBindingAsync(), 403);
        var other = await ApiError.StatusOf(() => ops.CoreV1.ReadNamespaceAsync("other"), 403);
        await ops.CoreV1.DeleteNamespaceAsync("team");
        await cluster.WhenControllersIdleAsync();
        var gone = await ApiError.StatusOf(() => admin.CoreV1.ReadNamespaceAsync("team"), 404); // empty, so the namespace controller finished at once

        Assert.Equal("clusterrolebindings.rbac.authorization.k8s.io is forbidden: User \"ops\" cannot list resource \"clusterrolebindings\" " +
            "in API group \"rbac.authorization.k8s.io\" at the cluster scope", Message(crbs));
        Assert.Equal("namespaces \"other\" is forbidden: User \"ops\" cannot get resource \"namespaces\" in API group \"\" in the namespace \"other\"", Message(other));
        Assert.Equal("namespaces \"team\" not found", Message(gone));
    }

    [Fact]
    public async Task Edit_WritesConfigMapsAndReadsSecrets_NotRolesOrBindings()
    {
        var (cluster, admin) = await TeamAsync();
        await admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "token" } }, "team");
        await Rbac.RoleBindingAsync(admin, "team", "members", "ClusterRole", "edit", Rbac.Subject("User", "lena"));
        var lena = Rbac.As(cluster, "lena");

        await lena.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("notes", "team"), "team");
        var secret = await lena.CoreV1.ReadNamespacedSecretAsync("token", "team");
        var role = await ApiError.StatusOf(() => Rbac.RoleAsync(lena, "team", "mine", Rbac.Rule(["get"], [""], ["pods"])), 403);
        var bindings = await ApiError.StatusOf(() => lena.RbacAuthorizationV1.ListNamespacedRoleBindingAsync("team"), 403);

        Assert.Equal("token", secret.Metadata.Name);
        Assert.Equal("roles.rbac.authorization.k8s.io is forbidden: User \"lena\" cannot create resource \"roles\" in API group " +
            "\"rbac.authorization.k8s.io\" in the namespace \"team\"", Message(role));
        Assert.Equal("rolebindings.rbac.authorization.k8s.io is forbidden: User \"lena\" cannot list resource \"rolebindings\" in API group " +
            "\"rbac.authorization.k8s.io\" in the namespace \"team\"", Message(bindings));
    }

    [Fact]
    public async Task View_ReadsConfigMapsAndWorkloadStatus_NotSecrets_WritesNothing()
    {
        var (cluster, admin) = await TeamAsync();
        await admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "token" } }, "team");
        await admin.CreateAsync("apps", "v1", "deployments", "team", Deployment("team"));
        await Rbac.RoleBindingAsync(admin, "team", "viewers", "ClusterRole", "view", Rbac.Subject("User", "lena"));
        var lena = Rbac.As(cluster, "lena");

        await lena.CoreV1.ListNamespacedConfigMapAsync("team");
        var status = await lena.AppsV1.ReadNamespacedDeploymentStatusAsync("web", "team");
        var secret = await ApiError.StatusOf(() => lena.CoreV1.ReadNamespacedSecretAsync("token", "team"), 403);
        var write = await ApiError.StatusOf(() => lena.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("notes", "team"), "team"), 403);

        Assert.Equal("web", status.Metadata.Name);
        Assert.Equal("secrets \"token\" is forbidden: User \"lena\" cannot get resource \"secrets\" in API group \"\" in the namespace \"team\"", Message(secret));
        Assert.Equal(JsonValue.Create("token")!.ToJsonString(), secret["details"]!["name"]!.ToJsonString());
        Assert.Equal("configmaps is forbidden: User \"lena\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"team\"", Message(write));
    }

    [Fact]
    public async Task ClusterRoleBinding_ToAGroup_GrantsEveryNamespaceAndTheClusterScope()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.ClusterRoleBindingAsync(admin, "auditors", "view", Rbac.Subject("Group", "auditors"));

        var everywhere = await Rbac.As(cluster, "ida", "auditors").CoreV1.ListConfigMapForAllNamespacesAsync();
        var namespaces = await Rbac.As(cluster, "ida", "auditors").CoreV1.ListNamespaceAsync();
        var outsider = await ApiError.StatusOf(() => Rbac.As(cluster, "ida").CoreV1.ListConfigMapForAllNamespacesAsync(), 403);

        Assert.NotNull(everywhere.Items);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "team");
        Assert.Equal("configmaps is forbidden: User \"ida\" cannot list resource \"configmaps\" in API group \"\" at the cluster scope", Message(outsider));
    }

    [Fact]
    public async Task ServiceAccountGroups_MatchGroupSubjects_UnlessGroupsAreImpersonated()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.RoleBindingAsync(admin, "team", "accounts", "ClusterRole", "view", Rbac.Subject("Group", "system:serviceaccounts:team"));

        await Rbac.As(cluster, Rbac.ServiceAccount("team", "any")).CoreV1.ListNamespacedConfigMapAsync("team");
        var foreign = await ApiError.StatusOf(() => Rbac.As(cluster, Rbac.ServiceAccount("other", "any")).CoreV1.ListNamespacedConfigMapAsync("team"), 403);
        var regrouped = await ApiError.StatusOf(() => Rbac.As(cluster, Rbac.ServiceAccount("team", "any"), "builders").CoreV1.ListNamespacedConfigMapAsync("team"), 403);

        Assert.StartsWith("configmaps is forbidden: User \"system:serviceaccount:other:any\" cannot list", Message(foreign));
        Assert.StartsWith("configmaps is forbidden: User \"system:serviceaccount:team:any\" cannot list", Message(regrouped));
    }

    [Fact]
    public async Task WildcardRules_MatchEveryGroupResourceOrVerb()
    {
        var (cluster, admin) = await TeamAsync();
        await admin.CreateAsync("apps", "v1", "deployments", "team", Deployment("team"));
        await Rbac.RoleAsync(admin, "team", "read-all", Rbac.Rule(["get", "list"], ["*"], ["*"]), Rbac.Rule(["*"], [""], ["configmaps"]));
        await Rbac.RoleBindingAsync(admin, "team", "read-all", "Role", "read-all", Rbac.Subject("User", "lena"));
        var lena = Rbac.As(cluster, "lena");

        await lena.AppsV1.ReadNamespacedDeploymentAsync("web", "team");
        await lena.CoreV1.ListNamespacedSecretAsync("team");
        await lena.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("notes", "team"), "team");
        await lena.CoreV1.DeleteNamespacedConfigMapAsync("notes", "team");
        var delete = await ApiError.StatusOf(() => lena.AppsV1.DeleteNamespacedDeploymentAsync("web", "team"), 403);

        Assert.Equal("deployments.apps \"web\" is forbidden: User \"lena\" cannot delete resource \"deployments\" in API group \"apps\" in the namespace \"team\"", Message(delete));
    }

    [Fact]
    public async Task ResourceNames_AllowOnlyTheNamedObjects_AndListsSelectingOneOfThem()
    {
        var (cluster, admin) = await TeamAsync();
        await admin.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("allowed", "team"), "team");
        await admin.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("other", "team"), "team");
        await Rbac.RoleAsync(admin, "team", "one", Rbac.Rule(["get", "list"], [""], ["configmaps"], ["allowed"]));
        await Rbac.RoleBindingAsync(admin, "team", "one", "Role", "one", Rbac.Subject("User", "lena"));
        var lena = Rbac.As(cluster, "lena");

        await lena.CoreV1.ReadNamespacedConfigMapAsync("allowed", "team");
        var selected = await lena.CoreV1.ListNamespacedConfigMapAsync("team", fieldSelector: "metadata.name=allowed");
        var other = await ApiError.StatusOf(() => lena.CoreV1.ReadNamespacedConfigMapAsync("other", "team"), 403);
        var list = await ApiError.StatusOf(() => lena.CoreV1.ListNamespacedConfigMapAsync("team"), 403);

        Assert.Equal(["allowed"], selected.Items.Select(i => i.Metadata.Name));
        Assert.Equal("configmaps \"other\" is forbidden: User \"lena\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"team\"", Message(other));
        Assert.Equal("configmaps is forbidden: User \"lena\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"team\"", Message(list));
    }

    [Fact]
    public async Task Subresources_AreMatchedAsResourceSlashSubresource()
    {
        var (cluster, admin) = await TeamAsync();
        await admin.CreateAsync("apps", "v1", "deployments", "team", Deployment("team"));
        await Rbac.RoleAsync(admin, "team", "status-writer", Rbac.Rule(["get", "patch"], ["apps"], ["deployments/status"]));
        await Rbac.RoleAsync(admin, "team", "any-status", Rbac.Rule(["get"], ["*"], ["*/status"]));
        await Rbac.RoleAsync(admin, "team", "main-only", Rbac.Rule(["get"], ["apps"], ["deployments"]));
        await Rbac.RoleBindingAsync(admin, "team", "status-writer", "Role", "status-writer", Rbac.Subject("User", "controller"));
        await Rbac.RoleBindingAsync(admin, "team", "any-status", "Role", "any-status", Rbac.Subject("User", "watcher"));
        await Rbac.RoleBindingAsync(admin, "team", "main-only", "Role", "main-only", Rbac.Subject("User", "lena"));
        var patch = new V1Patch("""{"status":{"observedGeneration":7}}""", V1Patch.PatchType.MergePatch);

        await Rbac.As(cluster, "controller").AppsV1.PatchNamespacedDeploymentStatusAsync(patch, "web", "team");
        await Rbac.As(cluster, "watcher").AppsV1.ReadNamespacedDeploymentStatusAsync("web", "team");
        var main = await ApiError.StatusOf(() => Rbac.As(cluster, "controller").AppsV1.PatchNamespacedDeploymentAsync(patch, "web", "team"), 403);
        var status = await ApiError.StatusOf(() => Rbac.As(cluster, "lena").AppsV1.ReadNamespacedDeploymentStatusAsync("web", "team"), 403);

        Assert.Equal("deployments.apps \"web\" is forbidden: User \"controller\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"team\"", Message(main));
        Assert.Equal("deployments.apps \"web\" is forbidden: User \"lena\" cannot get resource \"deployments/status\" in API group \"apps\" in the namespace \"team\"", Message(status));
    }

    [Fact]
    public async Task RoleBinding_ToARoleOfAnotherNamespace_GrantsNothing_AndSaysTheRoleIsNotFound()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.NamespaceAsync(admin, "other");
        await Rbac.RoleAsync(admin, "other", "reader", Rbac.Rule(["get", "list"], [""], ["configmaps"]));
        await Rbac.RoleBindingAsync(admin, "team", "reader", "Role", "reader", Rbac.Subject("User", "lena"));

        var status = await ApiError.StatusOf(() => Rbac.As(cluster, "lena").CoreV1.ListNamespacedConfigMapAsync("team"), 403);

        Assert.Equal("configmaps is forbidden: User \"lena\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"team\": " +
            "RBAC: role.rbac.authorization.k8s.io \"reader\" not found", Message(status));
    }

    [Fact]
    public async Task AggregationLabel_ExtendsTheBuiltinRoles_ViewThroughAdmin()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.ClusterRoleAsync(admin, "lease-reader", new Dictionary<string, string> { ["rbac.authorization.k8s.io/aggregate-to-view"] = "true" },
            Rbac.Rule(["get", "list"], ["coordination.k8s.io"], ["leases"]));
        await Rbac.RoleBindingAsync(admin, "team", "viewers", "ClusterRole", "view", Rbac.Subject("User", "viewer"));
        await Rbac.RoleBindingAsync(admin, "team", "admins", "ClusterRole", "admin", Rbac.Subject("User", "owner"));
        var unlabelled = await ApiError.StatusOf(() => Rbac.As(cluster, "viewer").CoordinationV1.ListNamespacedLeaseAsync("default"), 403);

        await Rbac.As(cluster, "viewer").CoordinationV1.ListNamespacedLeaseAsync("team");
        await Rbac.As(cluster, "owner").CoordinationV1.ListNamespacedLeaseAsync("team");

        Assert.StartsWith("leases.coordination.k8s.io is forbidden: User \"viewer\" cannot list", Message(unlabelled));
    }

    [Fact]
    public async Task Impersonation_NoneActsAsAdministrator_MastersPassEverything_GroupsWithoutAUserAre400()
    {
        var (cluster, admin) = await TeamAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{cluster.Uri}/api/v1/namespaces/team/configmaps");
        request.Headers.Add("Impersonate-Group", "auditors");

        await Rbac.As(cluster, "root", "system:masters").CreateClusterAsync(Rbac.Group, "v1", "clusterrolebindings",
            Rbac.Binding("ClusterRoleBinding", "by-masters", null, "ClusterRole", "view", Rbac.Subject("User", "ida")));
        await admin.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("by-admin", "team"), "team");
        using var response = await http.SendAsync(request);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("requested [Impersonate-Group: auditors] without impersonating a user", Message(status));
    }

    [Fact]
    public async Task Escalation_AdminBindsClusterAdminInItsOwnNamespace_RefusedWithThePermissionsItLacks()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.RoleBindingAsync(admin, "team", "deployer", "ClusterRole", "admin", Rbac.Subject("ServiceAccount", "deployer", "team"));
        var deployer = Rbac.As(cluster, Deployer);

        var binding = await ApiError.StatusOf(() => Rbac.RoleBindingAsync(deployer, "team", "grab", "ClusterRole", "cluster-admin",
            Rbac.Subject("ServiceAccount", "deployer", "team")), 403);
        var role = await ApiError.StatusOf(() => Rbac.RoleAsync(deployer, "team", "node-reader", Rbac.Rule(["get", "list"], [""], ["nodes"])), 403);
        await Rbac.RoleBindingAsync(deployer, "team", "viewers", "ClusterRole", "view", Rbac.Subject("User", "lena"));

        const string user = "user \"system:serviceaccount:team:deployer\" (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:team\" \"system:authenticated\"])";
        Assert.Equal($"rolebindings.rbac.authorization.k8s.io \"grab\" is forbidden: {user} is attempting to grant RBAC permissions not currently held:\n" +
            "{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}\n{NonResourceURLs:[\"*\"], Verbs:[\"*\"]}", Message(binding));
        Assert.Equal($"roles.rbac.authorization.k8s.io \"node-reader\" is forbidden: {user} is attempting to grant RBAC permissions not currently held:\n" +
            "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}", Message(role));
        Assert.Equal(["deployer", "viewers"], (await admin.RbacAuthorizationV1.ListNamespacedRoleBindingAsync("team")).Items.Select(b => b.Metadata.Name).Order());
    }

    [Fact]
    public async Task Escalation_BindVerbOnTheRole_AllowsBindingIt_AndRoleRefStaysImmutable()
    {
        var (cluster, admin) = await TeamAsync();
        await Rbac.RoleAsync(admin, "team", "binder", Rbac.Rule(["bind"], [Rbac.Group], ["clusterroles"], ["edit"]),
            Rbac.Rule(["create", "update", "get"], [Rbac.Group], ["rolebindings"]));
        await Rbac.RoleBindingAsync(admin, "team", "binder", "Role", "binder", Rbac.Subject("User", "lead"));
        var lead = Rbac.As(cluster, "lead");

        await Rbac.RoleBindingAsync(lead, "team", "members", "ClusterRole", "edit", Rbac.Subject("User", "lena"));
        var view = await ApiError.StatusOf(() => Rbac.RoleBindingAsync(lead, "team", "viewers", "ClusterRole", "view", Rbac.Subject("User", "lena")), 403);
        var changed = Rbac.Binding("RoleBinding", "members", "team", "ClusterRole", "admin", Rbac.Subject("User", "lena"));
        var immutable = await ApiError.StatusOf(() => admin.CustomObjects.ReplaceNamespacedCustomObjectAsync(changed, Rbac.Group, "v1", "team", "rolebindings", "members"), 422);

        Assert.StartsWith("rolebindings.rbac.authorization.k8s.io \"viewers\" is forbidden: user \"lead\" (groups=[\"system:authenticated\"]) " +
            "is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"bindings\"], Verbs:[\"get\" \"list\" \"watch\"]}\n", Message(view));
        Assert.Contains("\n{APIGroups:[\"\"], Resources:[\"configmaps\"], Verbs:[\"get\" \"list\" \"watch\"]}\n", Message(view));
        Assert.Equal("RoleBinding \"members\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", " +
            "Name:\"admin\"}: cannot change roleRef", Message(immutable));
    }

    private static string Message(JsonObject status) => status["message"]!.GetValue<string>();

    private async Task<(KubeSimCluster Cluster, Kubernetes Admin)> TeamAsync()
    {
        var (cluster, admin) = sim.NewCluster("rbac");
        await Rbac.NamespaceAsync(admin, "team");
        return (cluster, admin);
    }

    private static V1ConfigMap ConfigMap(string name, string ns) => SimFixture.ConfigMap(name, ns: ns);

    private static JsonObject Deployment(string ns)
    {
        var deployment = Fixtures.Json("deployment.json");
        deployment["metadata"]!["namespace"] = ns;
        return deployment;
    }
}
