using k8s;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;
using Edgeplane.KubeSim;

namespace Edgeplane.Kubernetes.Tests.Apply;

/// <summary>CRDs on a KubeSim whose CRDs take a while to become Established, as on a real API server.</summary>
public sealed class CrdStagingTests : IAsyncLifetime
{
    private KubeSimServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await KubeSimServer.StartAsync(new KubeSimOptions { Delays = new KubeSimDelays { CrdEstablished = TimeSpan.FromMilliseconds(400) } });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Apply_CrdAndCustomResourceInOneBundle_WaitsForEstablishedThenCreatesBoth()
    {
        var cluster = new TestCluster(_server.AddCluster("crd-then-cr"), null, null, null);
        var widget = Fixtures.Parse("""{"apiVersion":"example.edgeplane.dev/v1","kind":"Widget","metadata":{"name":"w1","namespace":"web"},"spec":{"size":3}}""");

        var result = await cluster.ApplyAsync("app", [Fixtures.Namespace("web"), .. Fixtures.Load("widget-crd.json"), widget]);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(3, result.ChangeSet.Count(ChangeAction.Created));
        var live = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.Nodes.JsonObject>(
            "example.edgeplane.dev", "v1", "web", "widgets", "w1");
        Assert.Equal(3, live["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apply_CrdNotEstablishedInTime_CustomResourceSkippedWithTypedFailure()
    {
        var cluster = new TestCluster(_server.AddCluster("crd-timeout"), null, null, null);
        var widget = Fixtures.Parse("""{"apiVersion":"example.edgeplane.dev/v1","kind":"Widget","metadata":{"name":"w1","namespace":"default"}}""");
        var options = new ApplierOptions { EstablishTimeout = TimeSpan.FromMilliseconds(50), EstablishPollInterval = TimeSpan.FromMilliseconds(10) };

        var result = await cluster.Applier(options).ApplyAsync(cluster.Request("app", [.. Fixtures.Load("widget-crd.json"), widget]));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ApplyPhase.Establish, failure.Phase);
        Assert.Equal(ApplyFailure.Reasons.NotEstablished, failure.Reason);
        Assert.Equal(new ObjectRef("apiextensions.k8s.io", "CustomResourceDefinition", null, "widgets.example.edgeplane.dev"), failure.Object);
        Assert.StartsWith("not Established after 0.05s", failure.Message, StringComparison.Ordinal);
        var skipped = result.ChangeSet.For(new ObjectRef("example.edgeplane.dev", "Widget", "default", "w1"))!;
        Assert.Equal(ChangeAction.Skipped, skipped.Action);
        Assert.Equal("not applied: an earlier stage failed", skipped.Message);
    }
}
