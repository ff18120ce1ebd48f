namespace Edgeplane.Agent.Tests.Support;

/// <summary>Awaits a condition with a deadline (never a fixed sleep): checks it every few milliseconds until it holds.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? explain = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}{(explain is null ? "" : ": " + explain())}");
            }
            await Task.Delay(20);
        }
    }

    public static async Task<T> ReturnsAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null, Func<string>? explain = null)
        where T : class
    {
        T? value = null;
        await HoldsAsync(() => (value = probe()) is not null, what, timeout, explain);
        return value!;
    }
}
