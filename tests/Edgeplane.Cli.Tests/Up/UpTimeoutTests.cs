using Edgeplane.Cli.Commands;

namespace Edgeplane.Cli.Tests.Up;

/// <summary><c>up --timeout</c>: the one duration grammar (Model.Validation.Durations) with up's bounds, more than 0 and at most 7 days.</summary>
public sealed class UpTimeoutTests
{
    [Theory]
    [InlineData("120s", 120_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2d", 172_800_000)]
    [InlineData("7d", 604_800_000)]
    public void TryTimeout_ValidDuration_ReturnsIt(string text, long milliseconds)
    {
        Assert.True(UpCommand.TryTimeout(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("", "'' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("120", "'120' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("-5s", "'-5s' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("2w", "'2w' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("0s", "'0s' is out of range; it must be more than 0 and at most 7 days")]
    [InlineData("200h", "'200h' is out of range; it must be more than 0 and at most 7 days")]
    [InlineData("8d", "'8d' is out of range; it must be more than 0 and at most 7 days")]
    public void TryTimeout_BadDuration_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(UpCommand.TryTimeout(text, out var value, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(TimeSpan.Zero, value);
    }
}
