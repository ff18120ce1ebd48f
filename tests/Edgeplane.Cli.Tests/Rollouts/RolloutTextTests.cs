using Edgeplane.Cli.Commands;
using Edgeplane.Model.Validation;

namespace Edgeplane.Cli.Tests.Rollouts;

/// <summary>The small formats of the rollout tables: soak durations, ages, cut reasons.</summary>
public sealed class RolloutTextTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "0.25s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(900_000, "15m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(172_800_000, "2d")]
    [InlineData(90_061_000, "1d1h1m1s")]
    public void Duration_WritesTheFleetGrammar_AndReadsBackTheSame(long milliseconds, string expected)
    {
        var span = TimeSpan.FromMilliseconds(milliseconds);

        var text = RolloutText.Duration(span);

        Assert.Equal(expected, text);
        Assert.True(Durations.TryParse(text, Durations.Max, zeroAllowed: true, out var back, out var error), error);
        Assert.Equal(span, back);
    }

    [Theory]
    [InlineData(-5, "0s")]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(7_199, "119m")]
    [InlineData(7_200, "2h")]
    [InlineData(172_799, "47h")]
    [InlineData(172_800, "2d")]
    public void Age_SecondsMinutesHoursThenDays(int seconds, string expected) =>
        Assert.Equal(expected, RolloutText.Age(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(null, null)]
    [InlineData("short", "short")]
    [InlineData("two\nlines\r\nok", "two lin…")]
    [InlineData("a\nb", "a b")]
    [InlineData("0123456789abc", "0123456…")]
    public void Cut_OneLineAtMostTheWidth(string? text, string? expected) =>
        Assert.Equal(expected, RolloutText.Cut(text, 8));
}
