using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store;
using Edgeplane.Model.Specs;
using Edgeplane.Rendering;

namespace Edgeplane.Hub.Tests.Pipeline;

/// <summary>
/// A revision that takes a provisioned cluster's Cluster API objects out of its management cluster's bundle is held, and
/// the reason says what approving does to the real cluster.
/// </summary>
public sealed class RevisionPlannerProvisioningTests
{
    private static readonly ClusterProvisioning ByMgmt = new("edge-kubeadm", "mgmt", "capi");

    [Theory]
    [InlineData(DeletionPolicy.Retain, "1 Cluster API cluster(s) keep running: p1 (deletionPolicy Retain: its Cluster API objects stay on mgmt, no longer managed)")]
    [InlineData(DeletionPolicy.Delete, "approving DELETES the real cluster of 1 Cluster API cluster(s): p1 (deletionPolicy Delete: its Cluster API objects are pruned from mgmt)")]
    [InlineData(null, "approving prunes the Cluster API objects of 1 cluster(s), which deletes the real cluster unless they are annotated "
        + "edgeplane.dev/deletion-policy: Retain: p1 (on mgmt)")]
    public void Plan_ProvisionedClusterRemoved_HeldNamingIt_AndSayingWhatHappensToTheRealCluster(DeletionPolicy? policy, string expected)
    {
        var (mgmt, p1) = (Compiled("mgmt"), Compiled("p1", ByMgmt));
        var desired = Desired(mgmt, p1);
        var review = Review(("p1", policy));

        var held = RevisionPlanner.Plan(2, "rev2", [mgmt], desired, approved: false, review);
        var approved = RevisionPlanner.Plan(2, "rev2", [mgmt], desired, approved: true, review);

        Assert.Equal($"held: it removes 1 cluster(s) from the fleet: p1; and {expected}. Nothing changed. To accept it, an admin runs "
            + "'edgeplane revisions approve rev2' (POST /api/v1/revisions/rev2/approve).", held.HoldReason);
        Assert.Null(approved.HoldReason);
        Assert.Equal(["p1"], approved.Plan.Removed);
    }

    [Fact]
    public void Plan_ProvisioningDroppedOrMoved_HeldOnItsOwn_ThoughTheClusterStays()
    {
        var (mgmt, other) = (Compiled("mgmt"), Compiled("other"));
        var desired = Desired(mgmt, other, Compiled("p1", ByMgmt), Compiled("p2", ByMgmt), Compiled("p3", ByMgmt));

        var held = RevisionPlanner.Plan(2, "rev2",
            [mgmt, other, Compiled("p1"), Compiled("p2", ByMgmt with { ManagementCluster = "other" }), Compiled("p3", ByMgmt)],
            desired, approved: false, Review(("p1", DeletionPolicy.Retain), ("p2", DeletionPolicy.Delete)));

        Assert.Equal("held: it stops provisioning 2 cluster(s) through their management cluster: p1 (on mgmt), p2 (on mgmt); and "
            + "approving DELETES the real cluster of 1 Cluster API cluster(s): p2 (deletionPolicy Delete: its Cluster API objects are pruned from mgmt); "
            + "and 1 Cluster API cluster(s) keep running: p1 (deletionPolicy Retain: its Cluster API objects stay on mgmt, no longer managed). "
            + "Nothing changed. To accept it, an admin runs 'edgeplane revisions approve rev2' (POST /api/v1/revisions/rev2/approve).", held.HoldReason);
    }

    [Fact]
    public void Deprovisioned_OnlyClustersWhoseObjectsLeaveTheirManagementCluster()
    {
        var desired = Desired(Compiled("mgmt"), Compiled("p1", ByMgmt), Compiled("p2", ByMgmt), Compiled("plain"));

        var gone = RevisionPlanner.Deprovisioned([Compiled("mgmt"), Compiled("p2", ByMgmt)], desired);

        Assert.Equal(new Dictionary<string, string> { ["p1"] = "mgmt" }, gone);
    }

    private static CompiledCluster Compiled(string name, ClusterProvisioning? provisioning = null)
    {
        var c = PlannerBundles.Cluster(name, $"sha256:{name}", $"c-{name}", PlannerBundles.ConfigMaps(name, 2));
        return c with { Declaration = c.Declaration with { Provisioning = provisioning } };
    }

    private static Dictionary<string, DesiredCluster> Desired(params CompiledCluster[] clusters) =>
        clusters.ToDictionary(c => c.Declaration.Name, c => new DesiredCluster(c.Declaration.Name, c.Bundle.Digest, c.Bundle.ContentDigest,
            c.Bundle.ObjectCount) { ManagementCluster = c.Declaration.Provisioning?.ManagementCluster });

    private static DeletionReview Review(params (string Cluster, DeletionPolicy? Policy)[] policies) =>
        new(0.5, new Dictionary<string, ObjectIdentitySet>(), null, null)
        {
            ProvisionedPolicies = policies.ToDictionary(p => p.Cluster, p => p.Policy),
        };
}
