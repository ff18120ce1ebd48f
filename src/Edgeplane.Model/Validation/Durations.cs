using System.Globalization;

namespace Edgeplane.Model.Validation;

/// <summary>
/// The one duration grammar of Edgeplane, for fleet files, CLI flags and the REST API: one or more parts, each a number
/// (digits, optionally with a fraction) and a unit - <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (24 hours) -
/// e.g. <c>500ms</c>, <c>90s</c>, <c>1.5h</c>, <c>1h30m</c>, <c>2d</c>; no sign, no spaces inside. Each caller passes its
/// own bounds; the error text is the same everywhere.
/// </summary>
public static class Durations
{
    /// <summary>The longest duration any field takes (365 days); callers pass a lower cap where they have one.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    /// <summary>Longest text read as a duration.</summary>
    public const int MaxLength = 64;

    /// <summary>How to write a duration, the end of the "not a duration" error.</summary>
    public const string Hint = "use a number with a unit, e.g. 120s, 5m or 1h30m";

    private const int MaxIntegerDigits = 10;
    private const int MaxFractionDigits = 9;

    /// <summary>
    /// Parses <paramref name="text"/> (surrounding blanks ignored) as a duration of at most <paramref name="max"/>, and
    /// more than zero unless <paramref name="zeroAllowed"/>. On failure <paramref name="error"/> says what is wrong:
    /// <c>'2 hours' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m</c> or
    /// <c>'8d' is out of range; it must be more than 0 and at most 7 days</c>.
    /// </summary>
    public static bool TryParse(string? text, TimeSpan max, bool zeroAllowed, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        if (Ticks(text?.Trim() ?? "") is not { } ticks)
        {
            error = $"'{text}' is not a duration; {Hint}";
            return false;
        }
        if (ticks > max.Ticks || (ticks == 0 && !zeroAllowed))
        {
            error = $"'{text}' is out of range; it must be {(zeroAllowed ? "" : "more than 0 and ")}at most {Describe(max)}";
            return false;
        }
        value = new TimeSpan((long)ticks);
        error = "";
        return true;
    }

    /// <summary>The length in ticks (fractions of a tick dropped), or null when the text does not follow the grammar.</summary>
    private static decimal? Ticks(string text)
    {
        if (text.Length is 0 or > MaxLength)
        {
            return null;
        }
        decimal total = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (Number(text, ref i) is not { } number || Unit(text, ref i) is not { } unit)
            {
                return null;
            }
            total += decimal.Truncate(number * unit);
        }
        return total;
    }

    private static decimal? Number(string text, ref int i)
    {
        var start = i;
        var integer = SkipDigits(text, ref i);
        var fraction = -1;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fraction = SkipDigits(text, ref i);
        }
        return integer is 0 or > MaxIntegerDigits || fraction is 0 or > MaxFractionDigits
            ? null
            : decimal.Parse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private static int SkipDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i - start;
    }

    /// <summary>Ticks per unit of the unit at <paramref name="i"/> ("ms" before "m").</summary>
    private static decimal? Unit(string text, ref int i)
    {
        var rest = text.AsSpan(i);
        (int Width, long Ticks)? unit = rest switch
        {
            _ when rest.StartsWith("ms") => (2, TimeSpan.TicksPerMillisecond),
            _ when rest.StartsWith("s") => (1, TimeSpan.TicksPerSecond),
            _ when rest.StartsWith("m") => (1, TimeSpan.TicksPerMinute),
            _ when rest.StartsWith("h") => (1, TimeSpan.TicksPerHour),
            _ when rest.StartsWith("d") => (1, TimeSpan.TicksPerDay),
            _ => null,
        };
        if (unit is not { } found)
        {
            return null;
        }
        i += found.Width;
        return found.Ticks;
    }

    private static string Describe(TimeSpan span) => span switch
    {
        _ when span.Ticks % TimeSpan.TicksPerDay == 0 => Count((long)span.TotalDays, "day"),
        _ when span.Ticks % TimeSpan.TicksPerHour == 0 => Count((long)span.TotalHours, "hour"),
        _ when span.Ticks % TimeSpan.TicksPerMinute == 0 => Count((long)span.TotalMinutes, "minute"),
        _ => Count((long)Math.Ceiling(span.TotalSeconds), "second"),
    };

    private static string Count(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";
}
