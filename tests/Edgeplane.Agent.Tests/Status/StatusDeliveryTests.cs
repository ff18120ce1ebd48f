using k8s;
using Edgeplane.Agent.Link;
using Edgeplane.Agent.Tests.Support;

namespace Edgeplane.Agent.Tests.Status;

public sealed class StatusDeliveryTests : IAsyncLifetime
{
    private AgentTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await AgentTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Offline_ReportsBufferedOnDiskAndResentUntilAcked()
    {
        _bed.AddCluster("site-a");
        _bed.Hub.AckStatus = false;
        _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web"), TestBundles.ConfigMap("web", "settings")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged && _bed.Hub.LastReport("site-a")?.Sequence == agent.Snapshot.LastStatusSequence,
            "the converged report");
        await _bed.StopGatewayAsync();
        await _bed.WaitAsync(() => agent.Snapshot.Link.State == HubLinkState.Disconnected, "the lost hub");
        var before = agent.Snapshot.LastStatusSequence;

        // Offline, the agent corrects drift, which it reports.
        await _bed.Client("site-a").CoreV1.DeleteNamespacedConfigMapAsync("settings", "web");
        agent.RequestReconcile();
        await _bed.WaitAsync(() => agent.Snapshot.LastStatusSequence > before, "a report written while offline");
        var offline = agent.Snapshot;
        Assert.Equal(0ul, offline.LastAckedSequence);
        Assert.Equal(offline.PendingReports, Directory.EnumerateFiles(Path.Combine(_bed.StateOf("site-a"), "status", "outbox"), "*.pb").Count());

        _bed.Hub.AckStatus = true;
        await _bed.StartGatewayAsync();

        await _bed.WaitAsync(() => agent.Snapshot is { PendingReports: 0 } s && s.LastAckedSequence == s.LastStatusSequence, "every report acked",
            () => $"{agent.Snapshot.PendingReports} pending, acked {agent.Snapshot.LastAckedSequence}, link {agent.Snapshot.Link}, connects {_bed.Hub.Connects}, reports {string.Join(",", _bed.Hub.ReportsOf("site-a").Select(r => r.Sequence))}");
        var sequences = _bed.Hub.ReportsOf("site-a").Select(r => r.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, (int)agent.Snapshot.LastStatusSequence).Select(i => (ulong)i), sequences);
        Assert.Equal(0ul, _bed.Hub.HellosOf("site-a")[^1].LastAckedStatusSequence);
        Assert.Contains(_bed.Hub.ReportsOf("site-a").Where(r => r.Sequence > before), r => r.Drift.Count > 0);
    }

    [Fact]
    public async Task Restart_UnackedReports_ResentAfterHello()
    {
        _bed.AddCluster("site-a");
        _bed.Hub.AckStatus = false;
        _bed.Target("site-a", TestBundles.Build("site-a", [TestBundles.Namespace("web")]));
        var agent = await _bed.StartAgentAsync("site-a");
        await _bed.WaitAsync(() => agent.Snapshot.IsConverged && _bed.Hub.LastReport("site-a")?.Sequence == agent.Snapshot.LastStatusSequence,
            "the converged report");
        var last = agent.Snapshot.LastStatusSequence;
        await _bed.StopAgentAsync(agent);
        _bed.Hub.AckStatus = true;

        var restarted = await _bed.StartAgentAsync("site-a", withToken: false);

        await _bed.WaitAsync(() => restarted.Snapshot.LastAckedSequence >= last, "the old reports acked after the restart");
        Assert.Equal(0ul, _bed.Hub.HellosOf("site-a")[^1].LastAckedStatusSequence);
        Assert.True(restarted.Snapshot.LastStatusSequence >= last);
    }
}
