using k8s;
using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;

namespace Edgeplane.Kubernetes.Tests.Apply;

public sealed class ValidationTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    [Fact]
    public async Task Apply_OwnershipLabelForAnotherBundle_RefusedAndNothingWritten()
    {
        var cluster = sim.NewCluster(nameof(Apply_OwnershipLabelForAnotherBundle_RefusedAndNothingWritten));
        var stolen = Fixtures.ConfigMap("default", "cm");
        stolen["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { [EdgeplaneMetadata.BundleLabel] = "other" };
        await cluster.Sim.WhenControllersIdleAsync(); // witness below: the simulated controllers' status writes have landed
        var before = cluster.Sim.ResourceVersion;

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), stolen);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyPhase.Validate, failure.Phase);
        Assert.Equal(ApplyFailure.Reasons.OwnershipMismatch, failure.Reason);
        Assert.Equal("Validate ConfigMap default/cm: OwnershipMismatch: label edgeplane.dev/bundle is \"other\" but this apply is for \"app\"",
            failure.ToString());
        Assert.Equal(ChangeAction.Skipped, result.ChangeSet.For(new ObjectRef("", "Namespace", null, "web"))!.Action);
        Assert.Equal(before, cluster.Sim.ResourceVersion);
        Assert.Null(result.Inventory);
    }

    [Fact]
    public async Task Apply_KindNotServedAndNoCrd_FailsBeforeWritingAnything()
    {
        var cluster = sim.NewCluster(nameof(Apply_KindNotServedAndNoCrd_FailsBeforeWritingAnything));
        var gadget = Fixtures.Parse("""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g","namespace":"web"}}""");
        await cluster.Sim.WhenControllersIdleAsync(); // witness below: the simulated controllers' status writes have landed
        var before = cluster.Sim.ResourceVersion;

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), gadget);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyPhase.Discover, failure.Phase);
        Assert.Equal(KubeApiException.Reasons.UnknownKind, failure.Reason);
        Assert.Equal("the cluster does not serve kind Gadget in example.com/v1, and no CustomResourceDefinition in the bundle defines it",
            failure.Message);
        Assert.Equal(new ObjectRef("example.com", "Gadget", "web", "g"), failure.Object);
        Assert.Equal(before, cluster.Sim.ResourceVersion);
    }

    [Fact]
    public async Task Apply_InvalidObjectInStage_NoObjectOfThatStageWritten()
    {
        var cluster = sim.NewCluster(nameof(Apply_InvalidObjectInStage_NoObjectOfThatStageWritten));
        var bad = Fixtures.Deployment("web", "bad");
        bad["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Remove("image");

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.ConfigMap("web", "good"), bad);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyPhase.DryRun, failure.Phase);
        Assert.Equal(422, failure.StatusCode);
        Assert.Equal("Invalid", failure.Reason);
        Assert.Contains("spec.template.spec.containers[0].image: Required value", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeAction.Created, result.ChangeSet.For(new ObjectRef("", "Namespace", null, "web"))!.Action);
        var good = result.ChangeSet.For(new ObjectRef("", "ConfigMap", "web", "good"))!;
        Assert.Equal(ChangeAction.Skipped, good.Action);
        Assert.Equal("not applied: 1 object(s) of its stage failed the dry run", good.Message);
        var list = await cluster.Client.CoreV1.ListNamespacedConfigMapAsync("web");
        Assert.Empty(list.Items);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"no-ns"}}""", "ConfigMap is namespaced but the object has no metadata.namespace")]
    [InlineData("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"r","namespace":"web"}}""",
        "ClusterRole is cluster-scoped but the object sets metadata.namespace \"web\"")]
    public async Task Apply_NamespaceDoesNotFitScope_Refused(string json, string message)
    {
        var cluster = sim.NewCluster(nameof(Apply_NamespaceDoesNotFitScope_Refused));

        var result = await cluster.ApplyAsync("app", Fixtures.Parse(json));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyFailure.Reasons.InvalidObject, failure.Reason);
        Assert.Equal(message, failure.Message);
    }

    [Theory]
    [InlineData("bad name!", "app", "cluster name \"bad name!\" is not valid")]
    [InlineData("site-1", "App", "bundle name \"App\" is not valid")]
    [InlineData("site-1", "", "bundle name \"\" is not valid")]
    public async Task Apply_BadClusterOrBundleName_Refused(string clusterName, string bundle, string message)
    {
        var cluster = sim.NewCluster(nameof(Apply_BadClusterOrBundleName_Refused));

        var result = await cluster.Applier().ApplyAsync(new ApplyRequest { Cluster = clusterName, Bundle = bundle, Objects = [Fixtures.Namespace("x")] });

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyFailure.Reasons.InvalidRequest, failure.Reason);
        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_SameObjectTwice_Refused()
    {
        var cluster = sim.NewCluster(nameof(Apply_SameObjectTwice_Refused));

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.Namespace("web"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("Validate Namespace web: DuplicateObject: objects #0 and #1 are the same object", failure.ToString());
    }

    [Fact]
    public async Task Apply_ObjectWithoutName_RefusedNamingItsIndex()
    {
        var cluster = sim.NewCluster(nameof(Apply_ObjectWithoutName_RefusedNamingItsIndex));

        var result = await cluster.ApplyAsync("app", Fixtures.Namespace("web"), Fixtures.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}"""));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("object #1: object ConfigMap <no name> has no metadata.name", failure.Message);
    }
}
