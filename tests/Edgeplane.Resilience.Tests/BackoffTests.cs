namespace Edgeplane.Resilience.Tests;

public sealed class BackoffTests
{
    private static readonly Backoff Standard = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 8)]
    [InlineData(int.MaxValue, 8)]
    public void Ceiling_ByAttempt_DoublesUpToTheCap(int attempt, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Standard.Ceiling(attempt));
    }

    [Theory]
    [InlineData(0.0, 3, 0)]
    [InlineData(0.25, 3, 1000)]
    [InlineData(0.5, 4, 4000)]
    [InlineData(0.999, 9, 7992)]
    public void Delay_Sample_FullJitterBetweenZeroAndTheCeiling(double sample, int attempt, int expectedMs)
    {
        var delay = Standard.Delay(attempt, new FixedRandom(sample));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void Delay_SeededRandom_StaysUnderEachCeiling()
    {
        var random = new Random(11);

        var delays = Enumerable.Range(1, 200).Select(n => (n, Delay: Standard.Delay(n, random))).ToList();

        Assert.All(delays, d => Assert.InRange(d.Delay, TimeSpan.Zero, Standard.Ceiling(d.n)));
        Assert.Contains(delays, d => d.Delay < Standard.Ceiling(d.n) / 2);
        Assert.Contains(delays, d => d.Delay > Standard.Ceiling(d.n) / 2);
    }

    [Fact]
    public void Create_NegativeDelay_RefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1)));

        Assert.Equal("initial", e.ParamName);
    }

    [Fact]
    public void Ceiling_AttemptZero_RefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Standard.Ceiling(0));

        Assert.Equal("attempt", e.ParamName);
    }
}
