using System.Net;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Lifecycle;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;

namespace Edgeplane.Hub.Tests.Lifecycle;

/// <summary>
/// A provisioned cluster's life on a real hub (testdata/lifecycle: mgmt provisions edge-new-01; site-old exists already):
/// mgmt's agent reports edge-new-01's Cluster API Cluster object, edge-new-01's own agent joins and converges; every phase
/// change is in the API and the audit log. Taking it out of Git is held, and once approved its identity is revoked.
/// </summary>
public sealed class LifecycleScenarioTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProvisionedCluster_DeclaredProvisioningProvisionedJoinedReady_ServedAndAuditedByTheHub(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store, fixture: "lifecycle");
        var declared = await PhaseAsync(scenario, "edge-new-01", "Declared", judged: true);
        Assert.Equal("declared in Git; waiting for mgmt, its management cluster, to report its Cluster object", declared.Reason);
        Assert.Equal("Declared", (await PhaseAsync(scenario, "site-old", "Declared", judged: true)).Phase);

        using var mgmt = await scenario.EnrolAsync("mgmt");
        var mgmtTarget = (await mgmt.ConnectAsync()).Welcome.Target.Digest;
        await ReportAsync(scenario, mgmt, Report(1, mgmtTarget, Capi("edge-new-01", "Pending")));
        await PhaseAsync(scenario, "edge-new-01", "Provisioning");
        await ReportAsync(scenario, mgmt, Report(2, mgmtTarget, Capi("edge-new-01", "Provisioning", infra: true,
            conditions: [("InfrastructureReady", ConditionStatus.True, "Ready"), ("ControlPlaneInitialized", ConditionStatus.False, "WaitingForControlPlane")])));
        var provisioning = await ReasonAsync(scenario, "edge-new-01", r => r.Contains("infrastructure provisioned", StringComparison.Ordinal));
        Assert.Equal(("Provisioning", "phase Provisioning on mgmt: infrastructure provisioned, control plane not initialized yet; "
            + "ControlPlaneInitialized=False: WaitingForControlPlane"), (provisioning.Phase, provisioning.Reason));
        // An entry naming a cluster mgmt does not provision is ignored.
        await ReportAsync(scenario, mgmt, Report(3, mgmtTarget, Capi("edge-new-01", "Provisioned", infra: true, controlPlane: true),
            Capi("site-old", "Failed")));
        var provisioned = await PhaseAsync(scenario, "edge-new-01", "Provisioned");
        Assert.Equal("control plane initialized on mgmt (phase Provisioned); waiting for its agent to join", provisioned.Reason);

        using var agent = await scenario.EnrolAsync("edge-new-01");
        var target = (await agent.ConnectAsync()).Welcome.Target.Digest;
        await ReportAsync(scenario, agent, Report(1, applied: null));
        await PhaseAsync(scenario, "edge-new-01", "Joined");
        await ReportAsync(scenario, agent, Report(2, target));
        var ready = await PhaseAsync(scenario, "edge-new-01", "Ready");

        Assert.Equal($"its agent runs the desired bundle {target} and reports it healthy", ready.Reason);
        Assert.Equal(["Declared", "Provisioning", "Provisioned", "Joined", "Ready"], ready.Transitions.OrderBy(t => t.Value).Select(t => t.Key));
        Assert.Equal(ready.Transitions["Ready"], ready.Since);
        Assert.Equal("Ready", (await PhaseAsync(scenario, "mgmt", "Ready")).Phase); // its own agent converged too
        var site = (await scenario.ClusterAsync("site-old")).Cluster.Lifecycle!;
        Assert.Equal("Declared", site.Phase);
        Assert.Equal(["Declared"], site.Transitions.Keys);
        var list = await scenario.Host.GetAsync<PageResponse<ClusterResponse>>("/api/v1/clusters?phase=Ready");
        Assert.Equal(["edge-new-01", "mgmt"], list.Items.Select(c => c.Name));
        var audit = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?action=cluster.lifecycle&target=edge-new-01");
        Assert.All(audit.Items, a => Assert.Equal("hub", a.Actor));
        Assert.Equal([
            "Declared: declared in Git; waiting for mgmt, its management cluster, to report its Cluster object",
            "Declared → Provisioning: phase Pending on mgmt: infrastructure not provisioned yet, control plane not initialized yet",
            "Provisioning → Provisioned: control plane initialized on mgmt (phase Provisioned); waiting for its agent to join",
            "Provisioned → Joined: its agent enrolled with the hub; waiting for it to run the desired bundle healthy",
            $"Joined → Ready: its agent runs the desired bundle {target} and reports it healthy",
        ], audit.Items.Reverse().Select(a => a.Details));
        Assert.Equal(["Declared", "Provisioning", "Provisioned", "Joined", "Ready"], audit.Items.Reverse().Select(a => a.Outcome));
    }

    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProvisionedClusterRemoved_Retain_HeldNamingIt_ApprovedItIsRemovedAndItsIdentityRevoked(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store, fixture: "lifecycle");
        using var agent = await scenario.EnrolAsync("edge-new-01");
        await agent.ConnectAsync();
        await ReportAsync(scenario, agent, Report(1, applied: null));
        await PhaseAsync(scenario, "edge-new-01", "Joined");
        RemoveEdgeNew01(scenario);

        var held = await scenario.CommitAndProcessAsync("retire edge-new-01");

        Assert.Equal(RevisionState.Held, held.State);
        Assert.Equal($"held: it removes 1 cluster(s) from the fleet: edge-new-01; and 1 Cluster API cluster(s) keep running: edge-new-01 "
            + "(deletionPolicy Retain: its Cluster API objects stay on mgmt, no longer managed). Nothing changed. To accept it, an admin runs "
            + $"'edgeplane revisions approve {held.Sha}' (POST /api/v1/revisions/{held.Sha}/approve).", held.Reason);
        Assert.Equal("Joined", (await scenario.ClusterAsync("edge-new-01")).Cluster.Lifecycle!.Phase); // nothing changed

        using var approve = await scenario.Host.Client.PostAsync($"/api/v1/revisions/{held.Sha}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(RevisionState.Applied, (await scenario.Host.WaitForRevisionAsync(held.Sha)).State);

        var revoked = await AuditAsync(scenario, "cluster.revoke", "edge-new-01");
        Assert.Equal(("hub", "Succeeded"), (revoked.Actor, revoked.Outcome));
        Assert.StartsWith($"removed from the fleet by revision {held.Sha}; 1 certificate(s), ", revoked.Details);
        var goodbye = (await agent.ReadToEndAsync()).Last().Goodbye;
        Assert.Equal(GoodbyeReason.Revoked, goodbye.Reason);
        var removed = await AuditAsync(scenario, "cluster.lifecycle", "edge-new-01", a => a.Outcome == "Removed");
        Assert.Equal($"Joined → Removed: removed from Git by revision {held.Sha}; its agent's identity is revoked", removed.Details);
        using var gone = await scenario.Host.Client.GetAsync("/api/v1/clusters/edge-new-01");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        // Revoked once: a later pass finds nothing left to revoke.
        await scenario.Host.Service<LifecycleMonitor>().PassAsync(null, CancellationToken.None);
        var revocations = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?action=cluster.revoke&target=edge-new-01");
        Assert.Single(revocations.Items);
    }

    [Fact]
    public async Task ProvisionedClusterRemoved_Delete_TheHoldSaysApprovingDeletesTheRealCluster()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite, fixture: "lifecycle");
        var capi = File.ReadAllText(Path.Combine(scenario.Repo.Path, "clusters/mgmt/capi.yaml"));
        scenario.Repo.Write("clusters/mgmt/capi.yaml", capi.Replace("deletion-policy: Retain", "deletion-policy: Delete", StringComparison.Ordinal));
        Assert.Equal(RevisionState.Applied, (await scenario.CommitAndProcessAsync("delete edge-new-01 with its cluster")).State);
        RemoveEdgeNew01(scenario);

        var held = await scenario.CommitAndProcessAsync("retire edge-new-01");

        Assert.Equal(RevisionState.Held, held.State);
        Assert.Contains("it removes 1 cluster(s) from the fleet: edge-new-01; and approving DELETES the real cluster of 1 Cluster API cluster(s): "
            + "edge-new-01 (deletionPolicy Delete: its Cluster API objects are pruned from mgmt). Nothing changed.", held.Reason);
    }

    /// <summary>The commit that takes edge-new-01 out of Git: its declaration, its objects, and its Cluster API objects on mgmt.</summary>
    private static void RemoveEdgeNew01(GatewayScenario scenario)
    {
        var clusters = File.ReadAllText(Path.Combine(scenario.Repo.Path, "clusters.yaml")).Split("---\n");
        scenario.Repo.Write("clusters.yaml", string.Join("---\n", clusters.Where(d => !d.Contains("name: edge-new-01", StringComparison.Ordinal))));
        scenario.Repo.Delete("clusters/mgmt/capi.yaml");
        scenario.Repo.Delete("clusters/edge-new-01/app.yaml");
    }

    private static StatusReport Report(ulong sequence, string? applied, params ProvisionedCluster[] provisioned)
    {
        var report = new StatusReport
        {
            Sequence = sequence,
            AppliedDigest = applied ?? "",
            KubernetesVersion = "v1.31.2",
            AgentVersion = "test-agent/1.0",
            Objects = { new ObjectHealth { Object = new Protocol.V1.ObjectRef { ApiVersion = "v1", Kind = "Namespace", Name = "platform" }, Status = HealthStatus.Current } },
            Conditions = { new Condition { Type = ConditionTypes.Ready, Status = applied is null ? ConditionStatus.False : ConditionStatus.True,
                Reason = applied is null ? "AwaitingTarget" : "ReconciliationSucceeded" } },
        };
        report.ProvisionedClusters.AddRange(provisioned);
        return report;
    }

    private static ProvisionedCluster Capi(string cluster, string phase, bool infra = false, bool controlPlane = false,
        (string Type, ConditionStatus Status, string Reason)[]? conditions = null)
    {
        var entry = new ProvisionedCluster
        {
            Cluster = cluster, Namespace = "capi", Name = cluster, Phase = phase, InfrastructureProvisioned = infra, ControlPlaneInitialized = controlPlane,
        };
        entry.Conditions.AddRange((conditions ?? []).Select(c => new Condition
        {
            Type = c.Type, Status = c.Status, Reason = c.Reason, LastTransitionTime = Timestamp.FromDateTime(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)),
        }));
        return entry;
    }

    /// <summary>Sends a report and waits for its acknowledgement (stored; the lifecycle monitor is told), a fake second later than the last.</summary>
    private static async Task ReportAsync(GatewayScenario scenario, GatewayAgent agent, StatusReport report)
    {
        scenario.Time.Advance(TimeSpan.FromSeconds(1));
        await agent.SendStatusAsync(report);
        Assert.Equal(report.Sequence, (await agent.NextAsync()).StatusAck.UpToSequence);
    }

    private static Task<LifecycleResponse> PhaseAsync(GatewayScenario scenario, string cluster, string phase, bool judged = false) =>
        LifecycleAsync(scenario, cluster, l => l.Phase == phase && (!judged || l.Since is not null), $"phase {phase}");

    private static Task<LifecycleResponse> ReasonAsync(GatewayScenario scenario, string cluster, Func<string, bool> reason) =>
        LifecycleAsync(scenario, cluster, l => l.Reason is { } r && reason(r), "the reason");

    /// <summary>Reads the cluster's lifecycle after each lifecycle pass until it satisfies <paramref name="condition"/>.</summary>
    private static async Task<LifecycleResponse> LifecycleAsync(GatewayScenario scenario, string cluster, Func<LifecycleResponse, bool> condition, string what)
    {
        LifecycleResponse? last = null;
        await UntilAsync(scenario, async () => condition(last = (await scenario.ClusterAsync(cluster)).Cluster.Lifecycle!),
            () => $"{cluster}: {what}; last {last?.Phase}: {last?.Reason}");
        return last!;
    }

    private static async Task<AuditEntryResponse> AuditAsync(GatewayScenario scenario, string action, string target, Func<AuditEntryResponse, bool>? match = null)
    {
        AuditEntryResponse? found = null;
        await UntilAsync(scenario, async () =>
        {
            var page = await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>($"/api/v1/audit?action={action}&target={target}");
            found = page.Items.FirstOrDefault(a => match is null || match(a));
            return found is not null;
        }, () => $"an audit entry {action} for {target}");
        return found!;
    }

    /// <summary>Checks <paramref name="condition"/> now and after every lifecycle pass, for at most <see cref="GatewayScenario.Timeout"/>.</summary>
    private static async Task UntilAsync(GatewayScenario scenario, Func<Task<bool>> condition, Func<string> explain)
    {
        var monitor = scenario.Host.Service<LifecycleMonitor>();
        using var deadline = new CancellationTokenSource(GatewayScenario.Timeout);
        while (true)
        {
            var passed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnPassed(IReadOnlyList<Edgeplane.Hub.Store.LifecycleChange> _) => passed.TrySetResult();
            monitor.Passed += OnPassed;
            try
            {
                if (await condition())
                {
                    return;
                }
                try
                {
                    await passed.Task.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"not within {GatewayScenario.Timeout}: {explain()}");
                }
            }
            finally
            {
                monitor.Passed -= OnPassed;
            }
        }
    }
}
