using System.Globalization;
using System.Text.RegularExpressions;

namespace Edgeplane.Cli.Up;

/// <summary>Durations as flags take them: <c>120s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c> (Go/kubectl style).</summary>
public static partial class DurationParser
{
    /// <summary>The longest duration accepted (7 days).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(7);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        var match = Pattern().Match(text ?? "");
        if (!match.Success || match.Groups["part"].Captures.Count == 0)
        {
            error = $"'{text}' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m";
            return false;
        }
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            value += match.Groups["unit"].Captures[i].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(Math.Min(n, Max.TotalHours + 1)),
            };
        }
        if (value <= TimeSpan.Zero || value > Max)
        {
            error = $"'{text}' is out of range; it must be more than 0 and at most {Max.TotalDays:0} days";
            return false;
        }
        error = "";
        return true;
    }

    [GeneratedRegex(@"^(?<part>(?<n>\d{1,9}(\.\d{1,9})?)(?<unit>ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
