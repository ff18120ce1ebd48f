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
