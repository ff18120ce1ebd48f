namespace Edgeplane.Resilience.Tests;

/// <summary>A <see cref="Random"/> whose <see cref="NextDouble"/> always returns one value, to pin jitter.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
