using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;

namespace Edgeplane.KubeSim.Tests.Kubectl;

/// <summary>RBAC for impersonated requests, checked by a client nobody here wrote: kubectl's <c>--as</c> and <c>--as-group</c>.</summary>
[Collection(SimCollection.Name)]
public sealed class KubectlImpersonationTests(SimFixture sim)
{
    [Fact]
    public async Task CreateClusterRoleBinding_AsANamespaceAdminServiceAccount_RefusedWithKubeApiserversMessage()
    {
        var (kubectl, cluster) = await TeamAsync();
        using var _ = kubectl;

        var (code, stdout, stderr) = await kubectl.RunAsync("--as=system:serviceaccount:team:deployer", "create", "clusterrolebinding", "grab",
            "--clusterrole=cluster-admin", "--serviceaccount=team:deployer");

        Assert.NotEqual(0, code);
        Assert.Equal("", stdout);
        Assert.Equal("error: failed to create clusterrolebinding: clusterrolebindings.rbac.authorization.k8s.io is forbidden: " +
            "User \"system:serviceaccount:team:deployer\" cannot create resource \"clusterrolebindings\" in API group " +
            "\"rbac.authorization.k8s.io\" at the cluster scope", stderr.Trim());
        Assert.Empty((await cluster.CreateClient().RbacAuthorizationV1.ListClusterRoleBindingAsync()).Items);
    }

    [Fact]
    public async Task CreateFromFile_AsTheServiceAccount_OutsideItsNamespace_ErrorFromServerForbidden()
    {
        var (kubectl, _) = await TeamAsync();
        using var disposeKubectl = kubectl;

        var (code, _, stderr) = await kubectl.RunAsync("--as=system:serviceaccount:team:deployer", "-n", "default", "create", "-f", Fixtures.PathOf("configmap.yaml"));

        Assert.NotEqual(0, code);
        Assert.Equal("Error from server (Forbidden): error when creating \"" + Fixtures.PathOf("configmap.yaml") + "\": configmaps is forbidden: " +
            "User \"system:serviceaccount:team:deployer\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"", stderr.Trim());
    }

    [Fact]
    public async Task Create_AsTheServiceAccountInItsNamespace_AndAsAGroupMember_Succeeds()
    {
        var (kubectl, cluster) = await TeamAsync();
        using var _ = kubectl;
        await kubectl.OkAsync("create", "rolebinding", "ops", "--clusterrole=view", "--group=ops", "-n", "team");

        var created = await kubectl.OkAsync("--as=system:serviceaccount:team:deployer", "-n", "team", "create", "configmap", "notes", "--from-literal=a=b");
        var listed = await kubectl.OkAsync("--as=ida", "--as-group=ops", "--as-group=auditors", "-n", "team", "get", "configmaps", "-o", "name");
        var (code, _, stderr) = await kubectl.RunAsync("--as=ida", "-n", "team", "get", "configmaps");

        Assert.Equal("configmap/notes created", created.Trim());
        Assert.Equal("configmap/notes", listed.Trim());
        Assert.NotEqual(0, code);
        Assert.Equal("Error from server (Forbidden): configmaps is forbidden: User \"ida\" cannot list resource \"configmaps\" in API group \"\" " +
            "in the namespace \"team\"", stderr.Trim());
        Assert.Equal("b", (await cluster.CreateClient().CoreV1.ReadNamespacedConfigMapAsync("notes", "team")).Data["a"]);
    }

    /// <summary>A cluster with namespace <c>team</c> whose ServiceAccount <c>deployer</c> is bound to <c>admin</c> there.</summary>
    private async Task<(Infrastructure.Kubectl Kubectl, KubeSimCluster Cluster)> TeamAsync()
    {
        var (cluster, admin) = sim.NewCluster("kc-rbac");
        await Rbac.NamespaceAsync(admin, "team");
        await Rbac.RoleBindingAsync(admin, "team", "deployer", "ClusterRole", "admin", Rbac.Subject("ServiceAccount", "deployer", "team"));
        return (new Infrastructure.Kubectl(sim.Server, cluster.Name), cluster);
    }
}
