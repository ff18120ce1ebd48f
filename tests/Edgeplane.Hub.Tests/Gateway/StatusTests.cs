using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Gateway.Status;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Tests.Gateway.Support;
using Edgeplane.Hub.Tests.Infrastructure;
using Edgeplane.Protocol.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Gateway;

/// <summary>Status reports: stored idempotently by sequence, acknowledged only once stored, visible in the API.</summary>
public sealed class StatusTests
{
    [StoreTheory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task StatusReport_SameSequenceTwice_StoredOnceAndAckedBothTimes(StoreKind store)
    {
        await using var scenario = await GatewayScenario.StartAsync(store);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        var target = (await agent.ConnectAsync()).Welcome.Target.Digest;

        await agent.SendStatusAsync(GatewayAgent.Status(1, applied: target, health: HealthStatus.InProgress));
        var first = (await agent.NextAsync()).StatusAck;
        var replay = GatewayAgent.Status(1, applied: target, health: HealthStatus.Failed);
        await agent.SendStatusAsync(replay);
        var second = (await agent.NextAsync()).StatusAck;

        Assert.Equal((1UL, 1UL), (first.UpToSequence, second.UpToSequence));
        var detail = await scenario.ClusterAsync("edge-site-1");
        var c = detail.Cluster;
        Assert.Equal((target, "Progressing", true, "v1.30.4"), (c.AppliedDigest, c.Status.Health, c.Status.Drifted, c.Status.KubernetesVersion));
        Assert.True(c.InSync);
        Assert.Equal((1L, "test-agent/1.0"), (c.Connection.LastStatusSequence, c.Connection.AgentVersion));
        Assert.Equal((2, 0, 1, 1), (c.Objects.Total, c.Objects.Failed, c.Objects.InProgress, c.Objects.Drifted));
        var details = detail.StatusDetails!;
        Assert.Equal(2, details.ChangeSet.Created);
        var web = Assert.Single(details.Objects);
        Assert.Equal(("Deployment", "web", "InProgress", "2/3 replicas"), (web.Kind, web.Name, web.Status, web.Message));
        Assert.Equal(["data.mode"], Assert.Single(details.Drift).Fields);
    }

    [Fact]
    public async Task StatusReport_ResentAfterReconnect_AckedAndNewerOnesStored()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();
        await agent.SendStatusAsync(GatewayAgent.Status(1));
        await agent.SendStatusAsync(GatewayAgent.Status(2));
        var acks = new List<ulong> { (await agent.NextAsync()).StatusAck.UpToSequence };
        if (acks[0] < 2)
        {
            acks.Add((await agent.NextAsync()).StatusAck.UpToSequence);
        }
        agent.Disconnect();

        await agent.ConnectAsync(lastAcked: 2);
        await agent.SendStatusAsync(GatewayAgent.Status(2));
        await agent.SendStatusAsync(GatewayAgent.Status(3, health: HealthStatus.Failed));
        var after = new List<ulong> { (await agent.NextAsync()).StatusAck.UpToSequence };
        if (after[0] < 3)
        {
            after.Add((await agent.NextAsync()).StatusAck.UpToSequence);
        }

        Assert.Equal(2UL, acks[^1]);
        Assert.Equal(3UL, after[^1]);
        var c = (await scenario.ClusterAsync("edge-site-1")).Cluster;
        Assert.Equal((3L, "Degraded"), (c.Connection.LastStatusSequence, c.Status.Health));
    }

    [Fact]
    public async Task StatusReport_MalformedDigest_EndsTheStreamWithTheFieldAtFault()
    {
        await using var scenario = await GatewayScenario.StartAsync(StoreKind.Sqlite);
        using var agent = await scenario.EnrolAsync("edge-site-1");
        await agent.ConnectAsync();

        await agent.SendStatusAsync(GatewayAgent.Status(1, applied: "md5:1234"));
        var e = await Assert.ThrowsAsync<RpcException>(() => agent.NextAsync());

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("status report 1: applied_digest 'md5:1234' is not sha256:<64 lowercase hex>", e.Status.Detail);
        Assert.Equal(0L, (await scenario.ClusterAsync("edge-site-1")).Cluster.Connection.LastStatusSequence);
    }

    [Fact]
    public async Task StatusWriter_StoreNotYetCommitted_NoAckUntilItCommits()
    {
        var store = new GatedStore();
        var readiness = new HubReadiness();
        readiness.MarkStoreReady();
        var writer = new StatusWriter(store, readiness, new GatewayOptions(), new GatewayMetrics(new Edgeplane.Hub.Observability.HubMetrics()),
            new FakeTimeProvider(), NullLogger<StatusWriter>.Instance);
        var sink = new RecordingSink();
        await writer.StartAsync(default);

        await writer.EnqueueAsync(new PendingStatus(Report(7), sink, 0), default);
        await store.Entered.Task.WaitAsync(GatewayScenario.Timeout);
        var ackedWhileOpen = sink.Acked.Task.IsCompleted;
        store.Commit.SetResult();
        var acked = await sink.Acked.Task.WaitAsync(GatewayScenario.Timeout);
        await writer.StopAsync(default);

        Assert.False(ackedWhileOpen);
        Assert.Equal(7UL, acked);
        Assert.True(store.Committed);
    }

    [Fact]
    public async Task StatusWriter_StoreFailsTwice_RetriedWithBackoffThenAcked()
    {
        var (writer, store, time, sink) = await StartFlakyAsync(failures: 2);

        await writer.EnqueueAsync(new PendingStatus(Report(9), sink, 0), default);
        var acked = await sink.Acked.Task.WaitAsync(GatewayScenario.Timeout);
        await writer.StopAsync(default);

        Assert.Equal(9UL, acked);
        Assert.Equal(3, store.Calls);
        Assert.Equal(2, time.Waits.Count);
        Assert.All(time.Waits.Select((wait, i) => (wait, ceiling: TimeSpan.FromSeconds(1 << i))),
            w => Assert.InRange(w.wait, TimeSpan.Zero, w.ceiling));
    }

    [Fact]
    public async Task StatusWriter_StoreKeepsFailing_GivesUpAfterMaxAttemptsAndFailsTheSessions()
    {
        var (writer, store, time, sink) = await StartFlakyAsync(failures: int.MaxValue);

        await writer.EnqueueAsync(new PendingStatus(Report(9), sink, 0), default);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.Acked.Task.WaitAsync(GatewayScenario.Timeout));
        await writer.StopAsync(default);

        Assert.Equal("database unreachable (attempt 4)", error.Message);
        Assert.Equal(StatusWriter.MaxAttempts, store.Calls);
        Assert.Equal(StatusWriter.MaxAttempts - 1, time.Waits.Count);
    }

    /// <summary>A started writer over a store failing its first <paramref name="failures"/> calls; each retry's wait is run at once.</summary>
    private static async Task<(StatusWriter Writer, FlakyStore Store, RetryClock Time, RecordingSink Sink)> StartFlakyAsync(int failures)
    {
        var store = new FlakyStore(failures);
        var readiness = new HubReadiness();
        readiness.MarkStoreReady();
        var time = new RetryClock();
        var writer = new StatusWriter(store, readiness, new GatewayOptions(), new GatewayMetrics(new HubMetrics()), time.Clock,
            NullLogger<StatusWriter>.Instance) { RetryScheduled = time.OnRetry };
        await writer.StartAsync(default);
        return (writer, store, time, new RecordingSink());
    }

    /// <summary>A fake clock moved past each retry's wait as soon as the wait's timer runs.</summary>
    private sealed class RetryClock
    {
        public FakeTimeProvider Clock { get; } = new();

        public List<TimeSpan> Waits { get; } = [];

        public void OnRetry(Edgeplane.Resilience.BackoffAttempt attempt)
        {
            Waits.Add(attempt.Delay);
            Clock.Advance(attempt.Delay);
        }
    }

    /// <summary>A store that only takes status batches (what the status writer uses).</summary>
    private abstract class StatusOnlyStore : IAgentStateStore
    {
        public abstract Task<IReadOnlyList<StatusReportOutcome>> RecordStatusBatchAsync(IReadOnlyList<ClusterStatusReport> reports, CancellationToken cancellationToken);

        public Task<IReadOnlyList<string>> WriteAgentStateAsync(AgentStateBatch batch, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> MarkUnseenOfflineAsync(DateTime seenBefore, DateTime now, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredAvailability>> ListAvailabilityAsync(string instance, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class FlakyStore(int failures) : StatusOnlyStore
    {
        public int Calls { get; private set; }

        public override Task<IReadOnlyList<StatusReportOutcome>> RecordStatusBatchAsync(IReadOnlyList<ClusterStatusReport> reports, CancellationToken cancellationToken)
        {
            Calls++;
            return Calls <= failures
                ? throw new InvalidOperationException($"database unreachable (attempt {Calls})")
                : Task.FromResult<IReadOnlyList<StatusReportOutcome>>(reports.Select(_ => StatusReportOutcome.Recorded).ToList());
        }
    }

    private static ClusterStatusReport Report(long sequence) => new("edge-site-1", sequence, DateTime.UtcNow, null, null, "Healthy", false, []);

    private sealed class RecordingSink : IStatusSink
    {
        public TaskCompletionSource<ulong> Acked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnStatusStored(ulong sequence, long receivedTimestamp) => Acked.TrySetResult(sequence);

        public void OnStatusFailed(Exception error) => Acked.TrySetException(error);
    }

    private sealed class GatedStore : StatusOnlyStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Commit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Committed { get; private set; }

        public override async Task<IReadOnlyList<StatusReportOutcome>> RecordStatusBatchAsync(IReadOnlyList<ClusterStatusReport> reports, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Commit.Task.WaitAsync(cancellationToken);
            Committed = true;
            return reports.Select(_ => StatusReportOutcome.Recorded).ToList();
        }
    }
}
