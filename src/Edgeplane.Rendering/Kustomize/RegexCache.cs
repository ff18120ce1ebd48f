using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Compiled patch-target patterns, shared by the builds of one builder (every site overlay tends to repeat the same
/// targets). Bounded: past <see cref="MaxEntries"/> patterns are compiled per use instead of cached.
/// </summary>
internal sealed class RegexCache
{
    /// <summary>Most patterns kept.</summary>
    public const int MaxEntries = 4096;

    /// <summary>Longest time one match may take before it fails (guards against catastrophic patterns).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, Regex> _cache = new(StringComparer.Ordinal);

    /// <summary>An anchored regex for a target field (kustomize wraps each as <c>^(?:pattern)$</c>).</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public Regex Anchored(string pattern)
    {
        if (_cache.TryGetValue(pattern, out var regex))
        {
            return regex;
        }
        regex = new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, MatchTimeout);
        if (_cache.Count < MaxEntries)
        {
            _cache.TryAdd(pattern, regex);
        }
        return regex;
    }
}
