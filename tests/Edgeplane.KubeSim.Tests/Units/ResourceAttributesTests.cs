using Edgeplane.KubeSim.Authorization;

namespace Edgeplane.KubeSim.Tests.Units;

/// <summary>HTTP requests become RBAC attributes as kube-apiserver's RequestInfoFactory makes them.</summary>
public sealed class ResourceAttributesTests
{
    [Theory]
    [InlineData("GET", false, null, "", "configmaps", "team", "a", "get", "team", "a")]
    [InlineData("HEAD", false, null, "", "configmaps", "team", "a", "get", "team", "a")]
    [InlineData("GET", false, null, "", "configmaps", "team", null, "list", "team", null)]
    [InlineData("GET", true, null, "", "configmaps", null, null, "watch", null, null)]
    [InlineData("GET", false, "metadata.name=a", "", "configmaps", "team", null, "list", "team", "a")]
    [InlineData("GET", true, "status.phase=Running,metadata.name==a", "", "pods", "team", null, "watch", "team", "a")]
    [InlineData("GET", false, "metadata.name!=a", "", "configmaps", "team", null, "list", "team", null)]
    [InlineData("POST", false, null, "rbac.authorization.k8s.io", "clusterrolebindings", null, null, "create", null, null)]
    [InlineData("PUT", false, null, "apps", "deployments", "team", "web", "update", "team", "web")]
    [InlineData("PATCH", false, null, "apps", "deployments", "team", "web", "patch", "team", "web")]
    [InlineData("DELETE", false, null, "", "configmaps", "team", "a", "delete", "team", "a")]
    [InlineData("DELETE", false, null, "", "configmaps", "team", null, "deletecollection", "team", null)]
    [InlineData("DELETE", false, null, "", "namespaces", null, "team", "delete", "team", "team")]
    [InlineData("POST", false, null, "", "namespaces", null, null, "create", null, null)]
    public void ForRequest_MapsMethodNameAndSelector(string method, bool watch, string? fieldSelector, string group, string resource, string? ns,
        string? name, string verb, string? expectedNamespace, string? expectedName)
    {
        var attributes = ResourceAttributes.ForRequest(method, watch, fieldSelector, group, resource, null, ns, name);

        Assert.Equal(new ResourceAttributes(verb, group, resource, null, expectedNamespace, expectedName), attributes);
    }

    [Fact]
    public void ForRequest_MethodWithoutAVerb_Null() =>
        Assert.Null(ResourceAttributes.ForRequest("OPTIONS", false, null, "", "configmaps", null, "team", null));
}
