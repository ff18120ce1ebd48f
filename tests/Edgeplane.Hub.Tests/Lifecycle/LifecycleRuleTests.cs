using System.Text.Json;
using Edgeplane.Hub.Lifecycle;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Tests.Lifecycle;

/// <summary>The lifecycle phase from what the hub knows of a cluster (pure).</summary>
public sealed class LifecycleRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Judge_ProvisionedCluster_FollowsItsClusterObjectThenItsAgent()
    {
        var declared = Facts();
        var pending = declared with { Observation = Observed(Capi("Pending")) };
        var provisioning = declared with
        {
            Observation = Observed(Capi("Provisioning", infra: true) with
            {
                Conditions = [new ProvisionedCondition("InfrastructureReady", "True", "Ready", null, null),
                    new ProvisionedCondition("ControlPlaneInitialized", "False", "WaitingForControlPlane", "no machine yet", null)],
            }),
        };
        var provisioned = declared with { Observation = Observed(Capi("Provisioned", infra: true, controlPlane: true)) };
        var joined = provisioned with { Enrolled = true };
        var ready = joined with { Converged = true, AppliedDigest = "sha256:aa" };

        Assert.Equal((LifecyclePhases.Declared, "declared in Git; waiting for mgmt, its management cluster, to report its Cluster object"),
            LifecycleRule.Judge(declared));
        Assert.Equal((LifecyclePhases.Declared, "mgmt has no Cluster object for it (yet)"),
            LifecycleRule.Judge(declared with { Observation = new ProvisionedObservation("mgmt", Now, null) }));
        Assert.Equal((LifecyclePhases.Provisioning, "phase Pending on mgmt: infrastructure not provisioned yet, control plane not initialized yet"),
            LifecycleRule.Judge(pending));
        Assert.Equal((LifecyclePhases.Provisioning, "phase Provisioning on mgmt: infrastructure provisioned, control plane not initialized yet; "
            + "ControlPlaneInitialized=False: WaitingForControlPlane: no machine yet"), LifecycleRule.Judge(provisioning));
        Assert.Equal((LifecyclePhases.Provisioned, "control plane initialized on mgmt (phase Provisioned); waiting for its agent to join"),
            LifecycleRule.Judge(provisioned));
        Assert.Equal(LifecyclePhases.Joined, LifecycleRule.Judge(joined).Phase);
        Assert.Equal((LifecyclePhases.Ready, "its agent runs the desired bundle sha256:aa and reports it healthy"), LifecycleRule.Judge(ready));
    }

    [Fact]
    public void Judge_ExistingCluster_DeclaredThenJoinedThenReady()
    {
        var declared = Facts() with { ManagementCluster = null };

        Assert.Equal((LifecyclePhases.Declared, "declared in Git; waiting for its agent to enrol (edgeplane token create --cluster p1)"),
            LifecycleRule.Judge(declared));
        Assert.Equal(LifecyclePhases.Joined, LifecycleRule.Judge(declared with { Enrolled = true }).Phase);
        Assert.Equal(LifecyclePhases.Ready, LifecycleRule.Judge(declared with { Enrolled = true, Converged = true }).Phase);
    }

    [Fact]
    public void Judge_FailedAndDeleting_WinOverTheAgentsProgress()
    {
        var ready = Facts() with { Enrolled = true, Converged = true };
        var failed = ready with
        {
            Observation = Observed(Capi("Failed") with { Conditions = [new ProvisionedCondition("InfrastructureReady", "False", "QuotaExceeded", "no IPs", null)] }),
        };
        var deleting = ready with { Observation = Observed(Capi("Provisioned") with { DeletionTimestamp = Now }) };

        Assert.Equal((LifecyclePhases.Failed, "its Cluster object capi/p1 on mgmt is Failed; InfrastructureReady=False: QuotaExceeded: no IPs"),
            LifecycleRule.Judge(failed));
        Assert.Equal((LifecyclePhases.Deleting, "its Cluster object capi/p1 on mgmt is being deleted since 2026-12-01 10:00:00Z"),
            LifecycleRule.Judge(deleting));
        Assert.Equal(LifecyclePhases.Deleting, LifecycleRule.Judge(ready with { Observation = Observed(Capi("Deleting")), Removed = true }).Phase);
    }

    [Fact]
    public void Judge_Removed_RemovedWhileItsObjectsStay_DeletedOnceADeletionEnds()
    {
        var removed = Facts() with { Removed = true, RemovedBy = "abc123", Observation = Observed(Capi("Provisioned")) };
        var deleted = removed with { Phase = LifecyclePhases.Deleting, Observation = new ProvisionedObservation("mgmt", Now, null) };

        Assert.Equal((LifecyclePhases.Removed, "removed from Git by revision abc123; its agent's identity is revoked; its Cluster API objects stay on "
            + "mgmt (deletion policy Retain)"), LifecycleRule.Judge(removed));
        Assert.Equal((LifecyclePhases.Deleted, "removed from Git by revision abc123; its Cluster object on mgmt is gone"), LifecycleRule.Judge(deleted));
    }

    [Fact]
    public void Next_OnlyForward_ThroughTheOrdinaryPhases()
    {
        var ready = Facts() with { Phase = LifecyclePhases.Ready, Reason = "r", Since = Now, TransitionsJson = """{"Ready":"2026-12-01T09:00:00Z"}""" };

        // A new bundle is not converged yet, the agent is still enrolled: it stays Ready.
        Assert.Null(LifecycleRule.Next(ready with { Enrolled = true }, Now));
        // Failed is not on the way: it is written, and the way back from it too.
        var failed = LifecycleRule.Next(ready with { Observation = Observed(Capi("Failed")) }, Now)!;
        Assert.Equal((LifecyclePhases.Ready, LifecyclePhases.Failed, true), (failed.OldPhase, failed.Phase, failed.PhaseChanged));
        var back = LifecycleRule.Next(ready with { Phase = LifecyclePhases.Failed, Reason = failed.Reason, Enrolled = true }, Now.AddMinutes(1))!;
        Assert.Equal(LifecyclePhases.Joined, back.Phase);
    }

    [Fact]
    public void Next_RecordsWhenEachPhaseWasFirstReached_AndAReasonChangeKeepsSince()
    {
        var first = LifecycleRule.Next(Facts(), Now)!;
        var facts = Facts() with { Phase = first.Phase, Reason = first.Reason, Since = first.Since, TransitionsJson = first.TransitionsJson };
        var reason = LifecycleRule.Next(facts with { Observation = new ProvisionedObservation("mgmt", Now, null) }, Now.AddMinutes(1))!;
        var later = LifecycleRule.Next(facts with { Observation = Observed(Capi("Pending")) }, Now.AddMinutes(2))!;

        Assert.Equal(("Declared: declared in Git; waiting for mgmt, its management cluster, to report its Cluster object", Now),
            (first.AuditDetails, first.Since));
        Assert.False(reason.PhaseChanged);
        Assert.Equal(Now, reason.Since);
        Assert.Equal("Declared → Provisioning: phase Pending on mgmt: infrastructure not provisioned yet, control plane not initialized yet",
            later.AuditDetails);
        Assert.Equal(new Dictionary<string, DateTime> { ["Declared"] = Now, ["Provisioning"] = Now.AddMinutes(2) },
            JsonSerializer.Deserialize<Dictionary<string, DateTime>>(later.TransitionsJson));
    }

    [Fact]
    public void Next_PastSeveralPhasesAtOnce_RecordsThePhasesPassedOverOnTheClustersWay()
    {
        var provisioning = Facts() with
        {
            Observation = Observed(Capi("Provisioning", infra: true)), Phase = LifecyclePhases.Provisioning, Reason = "p", Since = Now.AddMinutes(-1),
            TransitionsJson = """{"Declared":"2026-12-01T09:58:00Z","Provisioning":"2026-12-01T09:59:00Z"}""",
        };
        var existing = Facts() with
        {
            ManagementCluster = null, Phase = LifecyclePhases.Declared, Reason = "d", Since = Now.AddMinutes(-2), TransitionsJson = """{"Declared":"2026-12-01T09:58:00Z"}""",
        };
        var failed = existing with { Phase = LifecyclePhases.Failed, TransitionsJson = """{"Failed":"2026-12-01T09:58:00Z"}""" };

        // Its agent enrolled before its management cluster's report of the control plane arrived.
        var joined = LifecycleRule.Next(provisioning with { Enrolled = true }, Now)!;
        var ready = LifecycleRule.Next(existing with { Enrolled = true, Converged = true }, Now)!;
        var back = LifecycleRule.Next(failed with { Enrolled = true, Converged = true }, Now)!;

        Assert.Equal("Provisioning → Joined: its agent enrolled with the hub; waiting for it to run the desired bundle healthy", joined.AuditDetails);
        Assert.Equal(new Dictionary<string, DateTime>
        {
            ["Declared"] = Now.AddMinutes(-2), ["Provisioning"] = Now.AddMinutes(-1), ["Provisioned"] = Now, ["Joined"] = Now,
        }, JsonSerializer.Deserialize<Dictionary<string, DateTime>>(joined.TransitionsJson));
        Assert.Equal(new Dictionary<string, DateTime> { ["Declared"] = Now.AddMinutes(-2), ["Joined"] = Now, ["Ready"] = Now },
            JsonSerializer.Deserialize<Dictionary<string, DateTime>>(ready.TransitionsJson)); // an existing cluster never provisions
        Assert.Equal(new Dictionary<string, DateTime> { ["Failed"] = Now.AddMinutes(-2), ["Ready"] = Now },
            JsonSerializer.Deserialize<Dictionary<string, DateTime>>(back.TransitionsJson)); // from outside the way nothing is implied
    }

    [Fact]
    public void Next_AddedBackToGit_StartsAFreshRecord()
    {
        var removed = Facts() with { Phase = LifecyclePhases.Removed, Reason = "x", TransitionsJson = """{"Declared":"2026-11-01T00:00:00Z","Removed":"2026-11-02T00:00:00Z"}""" };

        var change = LifecycleRule.Next(removed, Now)!;

        Assert.Equal((LifecyclePhases.Removed, LifecyclePhases.Declared), (change.OldPhase, change.Phase));
        Assert.Equal(new Dictionary<string, DateTime> { ["Declared"] = Now }, JsonSerializer.Deserialize<Dictionary<string, DateTime>>(change.TransitionsJson));
    }

    private static LifecycleFacts Facts() => new("p1", false, null, "mgmt", null, false, false, null, null, null, null, null);

    private static ProvisionedObservation Observed(ProvisionedClusterReport report) => new("mgmt", Now, report);

    private static ProvisionedClusterReport Capi(string phase, bool infra = false, bool controlPlane = false) =>
        new("p1", "capi", "p1", phase, infra, controlPlane, [], null);
}
