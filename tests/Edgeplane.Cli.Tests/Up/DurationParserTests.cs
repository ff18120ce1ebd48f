using Edgeplane.Cli.Up;

namespace Edgeplane.Cli.Tests.Up;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("120s", 120_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    public void TryParse_ValidDuration_ReturnsIt(string text, int milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("", "'' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("120", "'120' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("-5s", "'-5s' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("2d", "'2d' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("0s", "'0s' is out of range; it must be more than 0 and at most 7 days")]
    [InlineData("200h", "'200h' is out of range; it must be more than 0 and at most 7 days")]
    public void TryParse_BadDuration_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }
}
