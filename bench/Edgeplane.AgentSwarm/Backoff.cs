namespace Edgeplane.AgentSwarm;

/// <summary>
/// Jittered exponential back-off, as an edge agent reconnects: 1 s doubling up to 30 s, each delay drawn uniformly
/// from the upper half of its step ("equal jitter"), so agents that failed together come back spread out.
/// </summary>
internal sealed class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);
    private int _failures;

    public TimeSpan Next()
    {
        var step = Math.Min(Cap.TotalSeconds, First.TotalSeconds * Math.Pow(2, Math.Min(_failures, 10)));
        _failures++;
        return TimeSpan.FromSeconds((step / 2) + (Random.Shared.NextDouble() * step / 2));
    }

    public void Reset() => _failures = 0;
}
