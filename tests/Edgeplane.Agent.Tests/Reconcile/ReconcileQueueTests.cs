using Edgeplane.Agent.Reconcile;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Agent.Tests.Reconcile;

public sealed class ReconcileQueueTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Take_SeveralTriggersPending_MergedIntoOnePass()
    {
        using var queue = new ReconcileQueue(_time);
        queue.Add(ReconcileTrigger.Target);
        queue.Add(ReconcileTrigger.Drift);
        queue.Add(ReconcileTrigger.Target);

        var taken = await queue.TakeAsync(CancellationToken.None);

        Assert.Equal(ReconcileTrigger.Target | ReconcileTrigger.Drift, taken);
        Assert.False(queue.TakeAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task AddAfter_SameTriggerAgain_ReplacesTheEarlierTimer()
    {
        using var queue = new ReconcileQueue(_time);
        queue.AddAfter(ReconcileTrigger.Drift, TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(5));
        queue.AddAfter(ReconcileTrigger.Drift, TimeSpan.FromSeconds(10));
        var take = queue.TakeAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(take.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ReconcileTrigger.Drift, await take.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(queue.IsScheduled(ReconcileTrigger.Drift));
    }

    [Fact]
    public void Cancel_PendingTimer_NeverFires()
    {
        using var queue = new ReconcileQueue(_time);
        queue.AddAfter(ReconcileTrigger.Retry, TimeSpan.FromSeconds(1));

        queue.Cancel(ReconcileTrigger.Retry);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(queue.TakeAsync(CancellationToken.None).IsCompleted);
    }
}
