using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.ClusterApi;
using Edgeplane.Kubernetes.Objects;
using Edgeplane.Kubernetes.Tests.Support;
using k8s;

namespace Edgeplane.Kubernetes.Tests.Apply;

/// <summary>
/// A provisioned cluster's Cluster API objects in its management cluster's bundle: the Cluster object names the cluster it
/// provisions, and <c>edgeplane.dev/deletion-policy: Retain</c> keeps every object (so the real cluster) when the cluster
/// leaves the bundle; <c>Delete</c> prunes them like any object.
/// </summary>
public sealed class DeletionPolicyTests(KubeSimFixture sim) : IClassFixture<KubeSimFixture>
{
    [Fact]
    public async Task Apply_ProvisionedClusterRemoved_RetainPolicy_ObjectsLeftInPlaceUntracked_NotFailed()
    {
        var cluster = sim.NewCluster(nameof(Apply_ProvisionedClusterRemoved_RetainPolicy_ObjectsLeftInPlaceUntracked_NotFailed));
        var (ns, capiCluster, kcp) = Names(cluster);
        var first = await cluster.ApplyAsync("mgmt", [.. CapiObjects.Crds(), .. Provisioned(ns, "Retain")]);
        Assert.True(first.Succeeded, string.Join("\n", first.Failures));

        var result = await cluster.ApplyAsync("mgmt", CapiObjects.Crds());

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal([kcp, capiCluster], result.Retained); // in deletion order: reverse of the bundle's
        foreach (var obj in new[] { capiCluster, kcp })
        {
            var entry = result.ChangeSet.For(obj)!;
            Assert.Equal(ChangeAction.Skipped, entry.Action);
            Assert.Equal("retained (edgeplane.dev/deletion-policy: Retain): left in place and no longer tracked", entry.Message);
            Assert.DoesNotContain(result.Inventory!.Entries, e => e.Object == obj);
        }
        Assert.Null((await ReadAsync(cluster, capiCluster))!["metadata"]!["deletionTimestamp"]);
        Assert.NotNull(await ReadAsync(cluster, kcp));
        // The namespace left the bundle too, but it still holds the retained objects: kept and tracked.
        var nsRef = new ObjectRef("", "Namespace", null, ns);
        Assert.Equal(ChangeAction.Skipped, result.ChangeSet.For(nsRef)!.Action);
        Assert.StartsWith("not pruned: the namespace holds objects Edgeplane does not own for this bundle: ", result.ChangeSet.For(nsRef)!.Message);
        Assert.Contains(result.Inventory!.Entries, e => e.Object == nsRef);
    }

    [Fact]
    public async Task Apply_ProvisionedClusterRemoved_DeletePolicy_ObjectsPruned_TheNamespaceWaitsForTheClusterToFinalize()
    {
        var cluster = sim.NewCluster(nameof(Apply_ProvisionedClusterRemoved_DeletePolicy_ObjectsPruned_TheNamespaceWaitsForTheClusterToFinalize));
        var (ns, capiCluster, kcp) = Names(cluster);
        await cluster.ApplyAsync("mgmt", [.. CapiObjects.Crds(), .. Provisioned(ns, "Delete")]);
        // Cluster API's finalizer: the Cluster stays until its infrastructure is gone (KubeSim's simulation adds it too).
        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch("""{"metadata":{"finalizers":["cluster.cluster.x-k8s.io"]}}""", k8s.Models.V1Patch.PatchType.MergePatch),
            "cluster.x-k8s.io", "v1beta2", ns, "clusters", capiCluster.Name);

        var result = await cluster.ApplyAsync("mgmt", CapiObjects.Crds());

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Empty(result.Retained);
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(capiCluster)!.Action);
        Assert.Equal(ChangeAction.Deleted, result.ChangeSet.For(kcp)!.Action);
        Assert.NotNull((await ReadAsync(cluster, capiCluster))?["metadata"]?["deletionTimestamp"]);
        var nsEntry = result.ChangeSet.For(new ObjectRef("", "Namespace", null, ns))!;
        Assert.Equal(ChangeAction.Skipped, nsEntry.Action);
        Assert.Contains($"Cluster.cluster.x-k8s.io {ns}/{capiCluster.Name}", nsEntry.Message);
    }

    [Fact]
    public async Task ReadProvisioned_OnlyThisBundlesLabelledClusters_WithTheirStatus()
    {
        var cluster = sim.NewCluster(nameof(ReadProvisioned_OnlyThisBundlesLabelledClusters_WithTheirStatus));
        var ns = cluster.Name; // the simulated Cluster API makes a virtual cluster per Cluster name: keep them apart per test
        await cluster.ApplyAsync("mgmt", [Fixtures.Namespace(ns), .. CapiObjects.Crds(), CapiObjects.Cluster(ns, $"{ns}-a", "edge-a", "Retain"),
            CapiObjects.Cluster(ns, $"{ns}-plain")]);
        await cluster.ApplyAsync("other", CapiObjects.Cluster(ns, $"{ns}-b", "edge-b"));

        var (clusters, omitted) = await new ProvisionedClusterReader(cluster.Connection).ReadAsync(cluster.Name, "mgmt", 10);
        var none = await new ProvisionedClusterReader(cluster.Connection).ReadAsync(cluster.Name, "nothing", 10);

        var read = Assert.Single(clusters);
        Assert.Equal(("edge-a", ns, $"{ns}-a", 0), (read.Cluster, read.Namespace, read.Name, omitted));
        Assert.Empty(none.Clusters);
    }

    /// <summary>
    /// A namespace and Cluster name of the test's own: the simulated Cluster API makes a virtual cluster per Cluster name on
    /// the shared server, so tests keep theirs apart.
    /// </summary>
    private static (string Ns, ObjectRef Cluster, ObjectRef ControlPlane) Names(TestCluster cluster) =>
        (cluster.Name, new ObjectRef("cluster.x-k8s.io", "Cluster", cluster.Name, $"{cluster.Name}-p1"),
            new ObjectRef("controlplane.cluster.x-k8s.io", "KubeadmControlPlane", cluster.Name, $"{cluster.Name}-p1-cp"));

    private static JsonObject[] Provisioned(string ns, string policy) =>
    [
        Fixtures.Namespace(ns), CapiObjects.Cluster(ns, $"{ns}-p1", "p1", policy), CapiObjects.ControlPlane(ns, $"{ns}-p1", "v1.30.4", policy),
    ];

    private static Task<JsonObject?> ReadAsync(TestCluster cluster, ObjectRef obj) =>
        CapiObjects.TryReadAsync(cluster.Client, obj.Group, obj.Kind == "Cluster" ? "clusters" : "kubeadmcontrolplanes", obj.Namespace!, obj.Name);
}
