using System.Globalization;

namespace Edgeplane.Hub.Api;

/// <summary>Durations as people type them: <c>90s</c>, <c>30m</c>, <c>1h</c>, <c>7d</c>, or <c>hh:mm:ss</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = default;
        error = "";
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length >= 2 && char.IsAsciiLetterLower(trimmed[^1])
            && long.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count <= 10_000_000)
        {
            TimeSpan? parsed = trimmed[^1] switch
            {
                's' => TimeSpan.FromSeconds(count),
                'm' => TimeSpan.FromMinutes(count),
                'h' => TimeSpan.FromHours(count),
                'd' => TimeSpan.FromDays(count),
                _ => null,
            };
            if (parsed is { } p)
            {
                value = p;
                return true;
            }
        }
        if (TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero)
        {
            return true;
        }
        error = $"'{text}' is not a duration; use e.g. 90s, 30m, 1h, 7d or hh:mm:ss";
        return false;
    }
}
