using System.Globalization;
using System.Text;

namespace Edgeplane.Rendering.Units;

/// <summary>
/// Names a workspace writes (metadata.name and namespace, RBAC subject and roleRef names) must be ASCII and within
/// Kubernetes' lengths. Kubernetes accepts any Unicode in several of them (User and Group names, many custom kinds), so a
/// name that only looks like an allowed one would pass a visual review: an invisible (zero-width) or bidi-control
/// character is refused as such; other non-ASCII is compared after NFKC (see <see cref="Nfkc"/>) and a small confusable-skeleton map (the common
/// Cyrillic and Greek look-alikes of Latin letters) with the names the workspace may use, to say which one it imitates;
/// and is refused either way.
/// </summary>
internal static class NameSafety
{
    /// <summary>The longest namespace name (a DNS-1123 label).</summary>
    public const int MaxNamespaceLength = 63;

    /// <summary>The longest object or subject name (a DNS-1123 subdomain).</summary>
    public const int MaxNameLength = 253;

    private static readonly Dictionary<char, char> Skeleton = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j',
        ['ѕ'] = 's', ['ԁ'] = 'd', ['ӏ'] = 'l', ['һ'] = 'h', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ı'] = 'i',
        ['α'] = 'a', ['ο'] = 'o', ['ν'] = 'v', ['ρ'] = 'p', ['ι'] = 'i', ['κ'] = 'k', ['τ'] = 't', ['υ'] = 'u',
    };

    /// <summary>Why <paramref name="name"/> is refused, with its rule code; null when it is a plain ASCII name within its length.</summary>
    public static (string Code, string Why)? Check(string name, bool isNamespace, IReadOnlySet<string> allowed)
    {
        var max = isNamespace ? MaxNamespaceLength : MaxNameLength;
        if (name.Length > max)
        {
            return ("NameTooLong", $"is {name.Length} characters long; at most {max} are allowed");
        }
        var hidden = name.FirstOrDefault(c => IsInvisible(c) || IsBidi(c));
        if (hidden != default)
        {
            var what = IsBidi(hidden) ? "a bidirectional-text control character" : "an invisible character";
            return ("UnsafeName", $"contains {what} (U+{(int)hidden:X4}), which makes it look like another name");
        }
        if (name.All(char.IsAscii))
        {
            return null;
        }
        var normalized = Nfkc(name);
        var skeleton = SkeletonOf(normalized);
        var imitated = allowed.Order(StringComparer.Ordinal).FirstOrDefault(a => a == normalized || SkeletonOf(a) == skeleton);
        var first = name.First(c => !char.IsAscii(c));
        return imitated is not null
            ? ("ConfusableName", $"is confusable with \"{imitated}\": it contains the non-ASCII character U+{(int)first:X4} ({CharUnicodeInfo.GetUnicodeCategory(first)})")
            : ("UnsafeName", $"contains the non-ASCII character U+{(int)first:X4}; names must be ASCII");
    }

    private static bool IsInvisible(char c) => c is >= '\u200B' and <= '\u200F' or >= '\u2060' and <= '\u2064' or '\uFEFF' or '\u00AD';

    private static bool IsBidi(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// NFKC. The hub runs with invariant globalization, where the runtime leaves non-ASCII text as it is; the
    /// compatibility forms a name can hide behind most easily, fullwidth Latin letters and digits, are folded here.
    /// </summary>
    private static string Nfkc(string text)
    {
        var folded = new string([.. text.Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c)]);
        return folded.IsNormalized(NormalizationForm.FormKC) ? folded : folded.Normalize(NormalizationForm.FormKC);
    }

    private static string SkeletonOf(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(Skeleton.GetValueOrDefault(c, c));
        }
        return builder.ToString();
    }
}
