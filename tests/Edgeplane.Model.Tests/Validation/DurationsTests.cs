using Edgeplane.Model.Validation;

namespace Edgeplane.Model.Tests.Validation;

/// <summary>The one duration grammar (ms, s, m, h, d; parts combined; fractions) used by fleet files, the CLI and the hub API.</summary>
public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("90s", 90_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1d2h3m4s5ms", 93_784_005)]
    [InlineData("0s", 0)]
    [InlineData(" 15m ", 900_000)]
    [InlineData("365d", 31_536_000_000)]
    [InlineData("0.00000001s", 0)]
    public void TryParse_Grammar_ReadsDuration(string text, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, Durations.Max, zeroAllowed: true, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4 hours")]
    [InlineData("1h 30m")]
    [InlineData("90")]
    [InlineData("-1s")]
    [InlineData("+1s")]
    [InlineData("1.s")]
    [InlineData(".5s")]
    [InlineData("1.1234567891s")]
    [InlineData("12345678901s")]
    [InlineData("2w")]
    [InlineData("1H")]
    [InlineData("01:00:00")]
    [InlineData("1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1")]
    public void TryParse_NotTheGrammar_NotADuration(string? text)
    {
        Assert.False(Durations.TryParse(text, Durations.Max, zeroAllowed: true, out var value, out var error));
        Assert.Equal($"'{text}' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m", error);
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Theory]
    [InlineData("366d", true, 365, "'366d' is out of range; it must be at most 365 days")]
    [InlineData("9999999999d", true, 365, "'9999999999d' is out of range; it must be at most 365 days")]
    [InlineData("0ms", false, 1, "'0ms' is out of range; it must be more than 0 and at most 1 day")]
    [InlineData("25h", false, 1, "'25h' is out of range; it must be more than 0 and at most 1 day")]
    public void TryParse_OutOfBounds_SaysTheBounds(string text, bool zeroAllowed, int maxDays, string expected)
    {
        Assert.False(Durations.TryParse(text, TimeSpan.FromDays(maxDays), zeroAllowed, out var value, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Theory]
    [InlineData("4h", 3 * 3600, "'4h' is out of range; it must be more than 0 and at most 3 hours")]
    [InlineData("2m", 60, "'2m' is out of range; it must be more than 0 and at most 1 minute")]
    [InlineData("2m", 90, "'2m' is out of range; it must be more than 0 and at most 90 seconds")]
    public void TryParse_CapNotInDays_SaysItInItsUnit(string text, int maxSeconds, string expected)
    {
        Assert.False(Durations.TryParse(text, TimeSpan.FromSeconds(maxSeconds), zeroAllowed: false, out _, out var error));
        Assert.Equal(expected, error);
    }
}
