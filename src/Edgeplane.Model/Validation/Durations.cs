using System.Globalization;
using System.Text.RegularExpressions;

namespace Edgeplane.Model.Validation;

/// <summary>Durations written as in Go and Flux: <c>30s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static partial class Durations
{
    /// <summary>What a duration looks like, for error messages.</summary>
    public const string Rule = "expected a duration such as 90s, 10m, 1h30m or 2d";

    /// <summary>Parses a duration; false if malformed or over 365 days.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!Whole().IsMatch(text))
        {
            return false;
        }
        foreach (Match part in Part().Matches(text))
        {
            if (!long.TryParse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000_000)
            {
                return false;
            }
            duration += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }
        return duration <= TimeSpan.FromDays(365);
    }

    [GeneratedRegex("^([0-9]+(ms|s|m|h|d))+$")]
    private static partial Regex Whole();

    [GeneratedRegex("([0-9]+)(ms|s|m|h|d)")]
    private static partial Regex Part();
}
