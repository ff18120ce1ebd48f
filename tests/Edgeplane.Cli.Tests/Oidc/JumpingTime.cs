namespace Edgeplane.Cli.Tests.Oidc;

/// <summary>
/// A clock on which every wait ends at once and moves the clock on by its length: code that waits on it takes no real
/// time, and <see cref="Waits"/> shows how long it meant to wait.
/// </summary>
internal sealed class JumpingTime(DateTimeOffset start) : TimeProvider
{
    private readonly List<TimeSpan> _waits = [];
    private long _ticks = start.UtcTicks;

    public IReadOnlyList<TimeSpan> Waits { get { lock (_waits) { return [.. _waits]; } } }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_waits)
        {
            _waits.Add(dueTime);
        }
        Interlocked.Add(ref _ticks, dueTime.Ticks);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
