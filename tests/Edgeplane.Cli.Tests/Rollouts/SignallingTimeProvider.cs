using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary>
/// A fake clock that tells when the code under test starts a wait, so a test advances time exactly when something waits
/// (no sleeping, no racing a timer that is not created yet).
/// </summary>
internal sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim _created = new(0);

    /// <summary>Every wait started, in order.</summary>
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Waits.Enqueue(dueTime);
        _created.Release();
        return timer;
    }

    /// <summary>Completes when the code under test has started its next wait (a minute at most).</summary>
    public async Task WaitStartedAsync()
    {
        if (!await _created.WaitAsync(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("nothing started to wait within a minute");
        }
    }

    /// <summary>Lets each wait <paramref name="work"/> starts run out at once, until it completes (a minute at most).</summary>
    public async Task<T> RunAsync<T>(Task<T> work)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var created = _created.WaitAsync(bound.Token);
            if (await Task.WhenAny(work, created) == work)
            {
                return await work;
            }
            await created;
            Advance(Waits.Last());
        }
    }
}
