using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Tests.Pipeline;

public sealed class RevisionPlannerTests
{
    [Fact]
    public void Plan_ContentDigestUnchanged_KeepsDesiredDigest()
    {
        var desired = Desired(("a", "sha256:a1", "c-a", 2), ("b", "sha256:b1", "c-b", 2));

        var decision = RevisionPlanner.Plan(2, "rev2", [Compiled("a", "sha256:a2", "c-a", 2), Compiled("b", "sha256:b2", "c-b2", 2)], desired, approved: false);

        var change = Assert.Single(decision.Plan.DesiredChanges);
        Assert.Equal(new DesiredChange("b", "sha256:b2", "c-b2", 2), change);
        Assert.Equal(["sha256:b2"], decision.BundlesToStore.Select(b => b.Digest));
        Assert.Null(decision.HoldReason);
    }

    [Fact]
    public void Plan_SameBundleForManyClusters_StoresItOnce()
    {
        var decision = RevisionPlanner.Plan(1, "rev1", [Compiled("a", "sha256:x", "c-x", 1), Compiled("b", "sha256:x", "c-x", 1)],
            Desired(), approved: false);

        Assert.Equal(2, decision.Plan.DesiredChanges.Count);
        Assert.Single(decision.BundlesToStore);
    }

    [Fact]
    public void Plan_RemovesCluster_HeldWithNamesUnlessApproved()
    {
        var desired = Desired(("a", "sha256:a1", "c-a", 2), ("b", "sha256:b1", "c-b", 2));

        var held = RevisionPlanner.Plan(2, "rev2", [Compiled("a", "sha256:a1", "c-a", 2)], desired, approved: false);
        var approved = RevisionPlanner.Plan(2, "rev2", [Compiled("a", "sha256:a1", "c-a", 2)], desired, approved: true);

        Assert.Equal("held: it removes 1 cluster(s) from the fleet: b. Nothing changed. To accept it, an admin runs " +
            "'edgeplane revisions approve rev2' (POST /api/v1/revisions/rev2/approve).", held.HoldReason);
        Assert.Null(approved.HoldReason);
        Assert.Equal(["b"], approved.Plan.Removed);
    }

    [Fact]
    public void Plan_EmptiesClusterThatHadObjects_Held_NewEmptyClusterIsNot()
    {
        var desired = Desired(("a", "sha256:a1", "c-a", 2));

        var emptied = RevisionPlanner.Plan(2, "rev2", [Compiled("a", "sha256:e", "c-e", 0)], desired, approved: false);
        var newEmpty = RevisionPlanner.Plan(2, "rev2", [Compiled("a", "sha256:a1", "c-a", 2), Compiled("n", "sha256:e", "c-e", 0)], desired, approved: false);

        Assert.Contains("it leaves 1 cluster(s) with zero objects: a", emptied.HoldReason);
        Assert.Null(newEmpty.HoldReason);
    }

    [Fact]
    public void Plan_ManyRemovals_ListsFiftyNamesAndCountsTheRest()
    {
        var desired = Desired(Enumerable.Range(0, 60).Select(i => ($"c{i:D2}", "sha256:x", "c-x", 1)).ToArray());

        var decision = RevisionPlanner.Plan(2, "rev2", [], desired, approved: false);

        Assert.Contains("c49 and 10 more", decision.HoldReason);
        Assert.DoesNotContain("c50", decision.HoldReason);
    }

    [Fact]
    public void Plan_DuplicateClusterFromCompiler_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RevisionPlanner.Plan(1, "r", [Compiled("a", "sha256:x", "c", 1), Compiled("a", "sha256:x", "c", 1)], Desired(), approved: false));

        Assert.Equal("compiler returned cluster 'a' twice", error.Message);
    }

    private static CompiledCluster Compiled(string name, string digest, string content, int objects) =>
        PlannerBundles.Cluster(name, digest, content, PlannerBundles.ConfigMaps("cm", objects));

    private static Dictionary<string, DesiredCluster> Desired(params (string Name, string Digest, string Content, int Objects)[] clusters) =>
        clusters.ToDictionary(c => c.Name, c => new DesiredCluster(c.Name, c.Digest, c.Content, c.Objects));
}
