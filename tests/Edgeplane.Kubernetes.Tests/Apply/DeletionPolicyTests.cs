using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;

namespace Edgeplane.Kubernetes.Tests.Apply;

/// <summary>
/// A provisioned cluster's Cluster API objects in its management cluster's bundle: the Cluster object names the cluster it
/// provisions, and <c>edgeplane.dev/deletion-policy: Retain</c> keeps every object (so the real cluster) when the cluster
/// leaves the bundle; <c>Delete</c> prunes them like any object.
/// </summary>
public sealed class DeletionPolicyTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    private const string Ns = "capi";
    private static readonly ObjectRef CapiCluster = new("cluster.x-k8s.io", "Cluster", Ns, "p1");
    private static readonly ObjectRef Kcp = new("controlplane.cluster.x-k8s.io", "KubeadmControlPlane", Ns, "p1-cp");
    private static readonly ObjectRef NsRef = new("", "Namespace", null, Ns);

    [Fact]
    public async Task Apply_ProvisionedClusterRemoved_RetainPolicy_ObjectsLeftInPlaceUntracked_NotFailed()
    {
        var cluster = sim.NewCluster(nameof(Apply_ProvisionedClusterRemoved_RetainPolicy_ObjectsLeftInPlaceUntracked_NotFailed));
        var first = await cluster.ApplyAsync("mgmt", [.. CapiObjects.Crds(), .. Provisioned("Retain")]);
        Assert.True(first.Succeeded, string.Join("\n", first.Failures));

        var result = await cluster.ApplyAsync("mgmt", CapiObjects.Crds());

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal([Kcp, CapiCluster], result.Retained); // in deletion order: reverse of the bundle's
        foreach (var obj in new[] { CapiCluster, Kcp })
        {
            var entry = result.ChangeSet.For(obj)!;
            Assert.Equal(ChangeAction.Skipped, entry.Action);
            Assert.Equal("retained (edgeplane.dev/deletion-policy: Retain): left in place and no longer tracked", entry.Message);
            Assert.DoesNotContain(result.Inventory!.Entries, e => e.Object == obj);
        }
        Assert.NotNull(await ReadAsync(cluster, "clusters", "p1"));
        Assert.NotNull(await ReadAsync(cluster, "kubeadmcontrolplanes", "p1-cp"));
        // The namespace left the bundle too, but it still holds the retained objects: kept and tracked.
        Assert.Equal(ChangeAction.Skipped, result.ChangeSet.For(NsRef)!.Action);
        Assert.StartsWith("not pruned: the namespace holds objects Edgeplane does not own for this bundle: ", result.ChangeSet.For(NsRef)!.Message);
        Assert.Contains(result.Inventory!.Entries, e => e.Object == NsRef);
    }

    [Fact]
    public async Task Apply_ProvisionedClusterRemoved_DeletePolicy_ObjectsPruned()
    {
        var cluster = sim.NewCluster(nameof(Apply_ProvisionedClusterRemoved_DeletePolicy_ObjectsPruned));
        await cluster.ApplyAsync("mgmt", [.. CapiObjects.Crds(), .. Provisioned("Delete")]);

        var result = await cluster.ApplyAsync("mgmt", CapiObjects.Crds());

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Empty(result.Retained);
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(CapiCluster)!.Action);
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(Kcp)!.Action);
        Assert.Null(await ReadAsync(cluster, "clusters", "p1"));
        Assert.Null(await ReadAsync(cluster, "kubeadmcontrolplanes", "p1-cp"));
    }

    [Fact]
    public async Task Apply_ClusterLabelNamesAnotherCluster_AcceptedOnACapiClusterOnly()
    {
        var cluster = sim.NewCluster(nameof(Apply_ClusterLabelNamesAnotherCluster_AcceptedOnACapiClusterOnly));
        var map = Fixtures.ConfigMap(Ns, "settings");
        map["metadata"]!["labels"] = new JsonObject { ["edgeplane.dev/cluster"] = "p1" };

        var refused = await cluster.ApplyAsync("mgmt", [Fixtures.Namespace(Ns), .. CapiObjects.Crds(), CapiObjects.Cluster(Ns, "p1", "p1"), map]);
        var accepted = await cluster.ApplyAsync("mgmt", [Fixtures.Namespace(Ns), .. CapiObjects.Crds(), CapiObjects.Cluster(Ns, "p1", "p1")]);

        var failure = Assert.Single(refused.Failures);
        Assert.Equal((ApplyFailure.Reasons.OwnershipMismatch, $"label edgeplane.dev/cluster is \"p1\" but this apply is for \"{cluster.Name}\""),
            (failure.Reason, failure.Message));
        Assert.True(accepted.Succeeded, string.Join("\n", accepted.Failures));
        var live = await ReadAsync(cluster, "clusters", "p1");
        Assert.Equal("p1", (string?)live!["metadata"]!["labels"]!["edgeplane.dev/cluster"]);
        Assert.Equal("mgmt", (string?)live["metadata"]!["labels"]!["edgeplane.dev/bundle"]);
    }

    private static JsonObject[] Provisioned(string policy) =>
    [
        Fixtures.Namespace(Ns), CapiObjects.Cluster(Ns, "p1", "p1", policy), CapiObjects.ControlPlane(Ns, "p1", "v1.30.4", policy),
    ];

    private static Task<JsonObject?> ReadAsync(TestCluster cluster, string plural, string name) =>
        CapiObjects.TryReadAsync(cluster.Client, plural == "clusters" ? "cluster.x-k8s.io" : "controlplane.cluster.x-k8s.io", plural, Ns, name);
}
