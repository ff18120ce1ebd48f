using Edgeplane.Hub.Events;

namespace Edgeplane.Hub.Tests.Events;

public sealed class FleetEventsTests
{
    [Fact]
    public async Task Burst_IsOneSetPerKind_UntilTaken()
    {
        var events = new FleetEvents();
        using var subscription = events.Subscribe()!;

        events.ClustersChanged(["b", "a"]);
        events.ClustersChanged(["a", "c"]);
        events.RevisionsChanged(["sha1"]);
        events.RolloutsChanged([7, 7]);
        events.AuditAppended();
        await subscription.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var changes = subscription.Take();

        Assert.Equal(["a", "b", "c"], changes.Clusters.Order());
        Assert.Equal(["sha1"], changes.Revisions);
        Assert.Equal([7L], changes.Rollouts);
        Assert.True(changes.Audit);
        Assert.False(changes.Reset);
        Assert.True(subscription.Take().IsEmpty);
        Assert.False(subscription.WaitAsync(CancellationToken.None).IsCompleted, "nothing pending after a take");
    }

    [Fact]
    public void TooManyPendingNames_BecomeOneReset()
    {
        var events = new FleetEvents();
        using var subscription = events.Subscribe()!;

        events.ClustersChanged(Enumerable.Range(0, FleetEvents.MaxPendingPerSubscriber + 1).Select(i => $"site-{i}").ToList());
        var changes = subscription.Take();

        Assert.True(changes.Reset);
        Assert.Empty(changes.Clusters);
    }

    [Fact]
    public void Subscribers_AreLimited_AndADisposedOneFreesItsPlace()
    {
        var events = new FleetEvents();
        var open = Enumerable.Range(0, FleetEvents.MaxSubscribers).Select(_ => events.Subscribe()!).ToList();

        Assert.Null(events.Subscribe());
        open[0].Dispose();
        using var again = events.Subscribe();
        Assert.NotNull(again);
        open.Skip(1).ToList().ForEach(s => s.Dispose());
        Assert.Equal(1, events.SubscriberCount);
    }

    [Fact]
    public void EmptyAnnouncements_WakeNobody()
    {
        var events = new FleetEvents();
        using var subscription = events.Subscribe()!;

        events.ClustersChanged([]);
        events.RevisionsChanged([]);
        events.RolloutsChanged([]);

        Assert.False(subscription.WaitAsync(CancellationToken.None).IsCompleted);
    }
}

public sealed class PostgresFleetEventRelayTests
{
    private static readonly Edgeplane.Hub.Store.HubInstance Me = new("me-1", "me", TimeSpan.FromSeconds(30));

    [Fact]
    public void AnotherReplicasChanges_ReachThisHubsSubscribers_NotItsRelay()
    {
        var events = new FleetEvents();
        using var view = events.Subscribe()!;
        using var outbound = events.Subscribe(localOnly: true)!;
        var relay = Relay(events);
        var theirs = new FleetChanges(new HashSet<string> { "edge-dub-01" }, new HashSet<string> { "abc" }, new HashSet<long> { 4 }, Audit: true, Reset: false);

        foreach (var payload in PostgresFleetEventRelay.Encode("other-2", theirs))
        {
            relay.OnNotification(payload);
        }

        var seen = view.Take();
        Assert.Equal(["edge-dub-01"], seen.Clusters);
        Assert.Equal(["abc"], seen.Revisions);
        Assert.Equal([4L], seen.Rollouts);
        Assert.True(seen.Audit);
        Assert.True(outbound.Take().IsEmpty, "a change heard from another replica is not sent on again");
    }

    [Fact]
    public void ItsOwnNotification_IsIgnored()
    {
        var events = new FleetEvents();
        using var view = events.Subscribe()!;
        var relay = Relay(events);

        foreach (var payload in PostgresFleetEventRelay.Encode(Me.Id, new FleetChanges(new HashSet<string> { "a" }, new HashSet<string>(), new HashSet<long>(), false, false)))
        {
            relay.OnNotification(payload);
        }
        relay.OnNotification("not a payload");

        Assert.True(view.Take().IsEmpty);
    }

    [Fact]
    public void ManyNames_AreSplitIntoPayloadsUnderTheLimit_NoneLost()
    {
        var names = Enumerable.Range(0, 2000).Select(i => $"edge-site-{i:D5}").ToHashSet();
        var payloads = PostgresFleetEventRelay.Encode("other-2", new FleetChanges(names, new HashSet<string>(), new HashSet<long>(), true, false));

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) <= PostgresFleetEventRelay.MaxPayloadBytes));
        Assert.All(payloads, p => Assert.StartsWith("i\tother-2\n", p, StringComparison.Ordinal));
        Assert.Equal(names.Order(), payloads.SelectMany(p => p.Split('\n')).Where(l => l.StartsWith("c\t", StringComparison.Ordinal)).Select(l => l[2..]).Order());
    }

    [Fact]
    public void Reconnected_TellsLiveViewsToReread()
    {
        var events = new FleetEvents();
        using var view = events.Subscribe()!;

        Relay(events).OnReconnected();

        Assert.True(view.Take().Reset);
    }

    private static PostgresFleetEventRelay Relay(FleetEvents events) =>
        new(events, null!, Me, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresFleetEventRelay>.Instance);
}
