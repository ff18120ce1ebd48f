using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Compiled patch-target patterns, shared by the builds of one builder (every site overlay tends to repeat the same
/// targets). Bounded: past <see cref="MaxEntries"/> patterns are compiled per use instead of cached.
/// </summary>
/// <remarks>
/// Patterns run on the non-backtracking engine, as kustomize's Go regular expressions (RE2) do: a match takes time linear
/// in the value, so no pattern can make a build hang, and there is no match timeout. A timeout would make the result
/// depend on how busy the machine is: the same commit could render on one hub and fail on another.
/// </remarks>
internal sealed class RegexCache
{
    /// <summary>Most patterns kept.</summary>
    public const int MaxEntries = 4096;

    /// <summary>The longest pattern accepted.</summary>
    public const int MaxPatternLength = 1024;

    /// <summary>
    /// A regex on the non-backtracking engine, without a match timeout (see the remarks).
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is too long, invalid, or uses a construct RE2 does not have either
    /// (backreferences, lookarounds, atomic groups).</exception>
    public static Regex Linear(string pattern, string written)
    {
        if (written.Length > MaxPatternLength)
        {
            throw new ArgumentException($"the pattern is longer than {MaxPatternLength} characters");
        }
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException($"it cannot be matched in linear time (no backreferences, lookarounds or atomic groups): {e.Message}", e);
        }
    }

    private readonly ConcurrentDictionary<string, Regex> _cache = new(StringComparer.Ordinal);

    /// <summary>An anchored regex for a target field (kustomize wraps each as <c>^(?:pattern)$</c>).</summary>
    /// <exception cref="ArgumentException">The pattern is not one <see cref="Linear"/> accepts.</exception>
    public Regex Anchored(string pattern)
    {
        if (_cache.TryGetValue(pattern, out var regex))
        {
            return regex;
        }
        regex = Linear("^(?:" + pattern + ")$", pattern);
        if (_cache.Count < MaxEntries)
        {
            _cache.TryAdd(pattern, regex);
        }
        return regex;
    }
}
