namespace Edgeplane.Agent.Tests.Support;

/// <summary>
/// Awaits a condition: it is checked now and again each time <see cref="ChangeSignal"/> fires (never on a timer), with a
/// generous deadline only as a guard against a hang.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task HoldsAsync(ChangeSignal signal, Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? explain = null) =>
        HoldsAsync(signal, () => Task.FromResult(condition()), what, timeout, explain);

    public static async Task HoldsAsync(ChangeSignal signal, Func<Task<bool>> condition, string what, TimeSpan? timeout = null,
        Func<string>? explain = null)
    {
        using var guard = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var next = signal.Next;
            if (await condition())
            {
                return;
            }
            try
            {
                await next.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {what}{(explain is null ? "" : ": " + explain())}");
            }
        }
    }

    public static async Task<T> ReturnsAsync<T>(ChangeSignal signal, Func<T?> probe, string what, TimeSpan? timeout = null,
        Func<string>? explain = null)
        where T : class
    {
        T? value = null;
        await HoldsAsync(signal, () => (value = probe()) is not null, what, timeout, explain);
        return value!;
    }
}
