using Edgeplane.Hub.Pipeline;
using static Edgeplane.Hub.Tests.Pipeline.PlannerBundles;

namespace Edgeplane.Hub.Tests.Pipeline;

/// <summary>The mass-deletion hold: more than a share of a cluster's objects, or every Application of a workspace.</summary>
public sealed class RevisionPlannerDeletionTests
{
    // Objects deleted out of 10 (the rest kept), the configured share, and whether the revision is held.
    // The boundary is exclusive: deleting exactly the share is applied, one object more is held.
    [Theory]
    [InlineData(6, 0.5, true)]
    [InlineData(5, 0.5, false)]
    [InlineData(4, 0.5, false)]
    [InlineData(3, 0.3, false)]
    [InlineData(4, 0.3, true)]
    [InlineData(7, 0.7, false)]
    [InlineData(8, 0.7, true)]
    [InlineData(1, 0.0, true)]
    [InlineData(0, 0.0, false)]
    [InlineData(9, 1.0, false)]
    public void Plan_DeletesObjectsOnCluster_HeldOnlyAboveShare(int deleted, double share, bool held)
    {
        var before = Cluster("edge-1", "sha256:old", "c-old", ConfigMaps("cm", 10));
        var after = Cluster("edge-1", "sha256:new", "c-new", ConfigMaps("cm", 10)[deleted..]);

        var decision = RevisionPlanner.Plan(2, "rev2", [after], Desired(before), approved: false, Review(share, [before]));

        if (held)
        {
            Assert.Equal($"held: it deletes more than {share * 100:0.#}% of the objects on 1 cluster(s): edge-1 ({deleted} of 10, {deleted * 10}%). " +
                "Nothing changed. To accept it, an admin runs 'edgeplane revisions approve rev2' (POST /api/v1/revisions/rev2/approve).",
                decision.HoldReason);
        }
        else
        {
            Assert.Null(decision.HoldReason);
        }
        Assert.Equal(["edge-1"], decision.Plan.DesiredChanges.Select(c => c.Cluster));
    }

    [Fact]
    public void Plan_RenamesEveryObject_SameCount_HeldAsFullDeletion()
    {
        var before = Cluster("edge-1", "sha256:old", "c-old", ConfigMaps("cm", 10));
        var after = Cluster("edge-1", "sha256:new", "c-new", ConfigMaps("renamed", 10));

        var decision = RevisionPlanner.Plan(2, "rev2", [after], Desired(before), approved: false, Review(0.5, [before]));

        Assert.Contains("it deletes more than 50% of the objects on 1 cluster(s): edge-1 (10 of 10, 100%)", decision.HoldReason);
    }

    [Fact]
    public void Plan_AddedObjectsDoNotOffsetDeletions_Held()
    {
        var before = Cluster("edge-1", "sha256:old", "c-old", ConfigMaps("cm", 10));
        var after = Cluster("edge-1", "sha256:new", "c-new", [.. ConfigMaps("cm", 10)[6..], .. ConfigMaps("new", 20)]);

        var decision = RevisionPlanner.Plan(2, "rev2", [after], Desired(before), approved: false, Review(0.5, [before]));

        Assert.Contains("edge-1 (6 of 10, 60%)", decision.HoldReason);
    }

    [Fact]
    public void Plan_ApiVersionChangesWithinGroup_IsNotADeletion()
    {
        var before = Cluster("edge-1", "sha256:old", "c-old", [("apps/v1beta1", "Deployment", "apps", "web"), ("v1", "Service", "apps", "web")]);
        var after = Cluster("edge-1", "sha256:new", "c-new", [("apps/v1", "Deployment", "apps", "web"), ("v1", "Service", "apps", "web")]);
        var moved = Cluster("edge-1", "sha256:new2", "c-new2", [("apps/v1", "Deployment", "other", "web"), ("v1", "Service", "apps", "web")]);

        var kept = RevisionPlanner.Plan(2, "rev2", [after], Desired(before), approved: false, Review(0.4, [before]));
        var otherNamespace = RevisionPlanner.Plan(2, "rev2", [moved], Desired(before), approved: false, Review(0.4, [before]));

        Assert.Null(kept.HoldReason);
        Assert.Contains("edge-1 (1 of 2, 50%)", otherNamespace.HoldReason);
    }

    [Fact]
    public void Plan_SeveralClusters_NamesOnlyThoseOverTheShare_InNameOrder()
    {
        var beforeA = Cluster("a", "sha256:a1", "c-a1", ConfigMaps("cm", 4));
        var beforeB = Cluster("b", "sha256:b1", "c-b1", ConfigMaps("cm", 4));
        var beforeC = Cluster("c", "sha256:c1", "c-c1", ConfigMaps("cm", 4));
        var compiled = new[]
        {
            Cluster("c", "sha256:c2", "c-c2", ConfigMaps("cm", 4)[3..]),
            Cluster("b", "sha256:b2", "c-b2", ConfigMaps("cm", 4)[2..]),
            Cluster("a", "sha256:a2", "c-a2", ConfigMaps("x", 1)),
        };

        var decision = RevisionPlanner.Plan(2, "rev2", compiled, Desired(beforeA, beforeB, beforeC), approved: false,
            Review(0.5, [beforeA, beforeB, beforeC]));

        Assert.Contains("on 2 cluster(s): a (4 of 4, 100%), c (3 of 4, 75%).", decision.HoldReason);
    }

    [Fact]
    public void Plan_WorkspaceLosesEveryApplication_HeldNamingIt()
    {
        var cluster = Cluster("edge-1", "sha256:x", "c-x", ConfigMaps("cm", 2));
        var before = new Dictionary<string, int> { ["analytics"] = 2, ["ran"] = 1, ["web"] = 3 };

        var held = RevisionPlanner.Plan(2, "rev2", [cluster], Desired(cluster), approved: false,
            Review(0.5, [], before, new Dictionary<string, int> { ["web"] = 1 }));
        var kept = RevisionPlanner.Plan(2, "rev2", [cluster], Desired(cluster), approved: false,
            Review(0.5, [], before, new Dictionary<string, int> { ["analytics"] = 1, ["ran"] = 1, ["web"] = 1 }));
        var firstRecorded = RevisionPlanner.Plan(2, "rev2", [cluster], Desired(cluster), approved: false,
            Review(0.5, [], null, new Dictionary<string, int>()));

        Assert.Equal("held: it removes every Application of 2 workspace(s): analytics (had 2), ran (had 1). Nothing changed. " +
            "To accept it, an admin runs 'edgeplane revisions approve rev2' (POST /api/v1/revisions/rev2/approve).", held.HoldReason);
        Assert.Empty(held.Plan.DesiredChanges);
        Assert.Null(kept.HoldReason);
        Assert.Null(firstRecorded.HoldReason);
        Assert.Equal(new Dictionary<string, int> { ["web"] = 1 }, held.Plan.WorkspaceApplications);
    }

    [Fact]
    public void Plan_Approved_NotHeldWhateverItDeletes()
    {
        var before = Cluster("edge-1", "sha256:old", "c-old", ConfigMaps("cm", 10));
        var after = Cluster("edge-1", "sha256:new", "c-new", ConfigMaps("renamed", 10));

        var decision = RevisionPlanner.Plan(2, "rev2", [after], Desired(before), approved: true,
            Review(0.5, [before], new Dictionary<string, int> { ["analytics"] = 2 }, new Dictionary<string, int>()));

        Assert.Null(decision.HoldReason);
        Assert.Equal(["edge-1"], decision.Plan.DesiredChanges.Select(c => c.Cluster));
    }

    [Fact]
    public void Plan_EveryReasonAtOnce_OneSentencePerReason()
    {
        var gone = Cluster("gone", "sha256:g", "c-g", ConfigMaps("cm", 1));
        var emptiedBefore = Cluster("empty", "sha256:e1", "c-e1", ConfigMaps("cm", 2));
        var shrunkBefore = Cluster("shrunk", "sha256:s1", "c-s1", ConfigMaps("cm", 3));
        var compiled = new[] { Cluster("empty", "sha256:e2", "c-e2", []), Cluster("shrunk", "sha256:s2", "c-s2", ConfigMaps("cm", 3)[2..]) };

        var decision = RevisionPlanner.Plan(2, "rev2", compiled, Desired(gone, emptiedBefore, shrunkBefore), approved: false,
            Review(0.5, [gone, emptiedBefore, shrunkBefore], new Dictionary<string, int> { ["team"] = 1 }, new Dictionary<string, int>()));

        Assert.Equal("held: it removes 1 cluster(s) from the fleet: gone; and it leaves 1 cluster(s) with zero objects: empty; " +
            "and it deletes more than 50% of the objects on 1 cluster(s): shrunk (2 of 3, 66.7%); " +
            "and it removes every Application of 1 workspace(s): team (had 1). Nothing changed. To accept it, an admin runs " +
            "'edgeplane revisions approve rev2' (POST /api/v1/revisions/rev2/approve).", decision.HoldReason);
    }

    [Fact]
    public void DigestsToCompare_OnlyClustersWhoseContentChangedAndThatHadAndKeepObjects()
    {
        var same = Cluster("same", "sha256:s", "c-s", ConfigMaps("cm", 2));
        var changed = Cluster("changed", "sha256:c1", "c-c1", ConfigMaps("cm", 2));
        var emptied = Cluster("emptied", "sha256:e1", "c-e1", ConfigMaps("cm", 2));
        var wasEmpty = Cluster("was-empty", "sha256:w1", "c-w1", []);
        var compiled = new[]
        {
            Cluster("same", "sha256:s-rev2", "c-s", ConfigMaps("cm", 2)),
            Cluster("changed", "sha256:c2", "c-c2", ConfigMaps("cm", 1)),
            Cluster("emptied", "sha256:e2", "c-e2", []),
            Cluster("was-empty", "sha256:w2", "c-w2", ConfigMaps("cm", 1)),
            Cluster("new", "sha256:n", "c-n", ConfigMaps("cm", 1)),
        };

        var digests = RevisionPlanner.DigestsToCompare(compiled, Desired(same, changed, emptied, wasEmpty));

        Assert.Equal(["sha256:c1"], digests);
    }

    [Fact]
    public void Plan_OldIdentitiesNotGiven_ClusterNotCompared()
    {
        var before = Cluster("edge-1", "sha256:old", "c-old", ConfigMaps("cm", 10));
        var after = Cluster("edge-1", "sha256:new", "c-new", ConfigMaps("renamed", 10));

        var withoutReview = RevisionPlanner.Plan(2, "rev2", [after], Desired(before), approved: false);
        var withoutIdentities = RevisionPlanner.Plan(2, "rev2", [after], Desired(before), approved: false, Review(0.5, []));

        Assert.Null(withoutReview.HoldReason);
        Assert.Null(withoutIdentities.HoldReason);
    }
}
