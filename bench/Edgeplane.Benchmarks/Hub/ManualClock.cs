namespace Edgeplane.Benchmarks.Hub;

/// <summary>A clock the benchmark moves by hand, so the engine's soak and health timeouts follow steps, not the machine's speed.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
