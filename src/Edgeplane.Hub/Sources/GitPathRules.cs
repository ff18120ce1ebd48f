using System.Text;

namespace Edgeplane.Hub.Sources;

/// <summary>
/// Which tree entry names and symlink targets the hub writes into its working folder. The names follow Git's own fsck
/// rules (<c>fsck.c</c>: <c>hasDot</c>, <c>hasDotdot</c>, <c>hasDotgit</c> with its HFS and NTFS spellings,
/// <c>fullPathname</c>, <c>emptyName</c>); Git refuses such trees on push with <c>receive.fsckObjects</c>, but a hub must
/// not depend on the Git server being configured that way, and LibGit2Sharp hands them over as they are.
/// </summary>
internal static class GitPathRules
{
    /// <summary>Longest name of one path component in bytes (Linux <c>NAME_MAX</c>).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Longest absolute path written, in bytes (Linux <c>PATH_MAX</c> less the terminator).</summary>
    public const int MaxPathBytes = 4095;

    /// <summary>Longest symlink target read from a blob (<c>PATH_MAX</c>).</summary>
    public const int MaxLinkTargetBytes = 4096;

    /// <summary>Most symlinks followed while resolving one target (Linux <c>MAXSYMLINKS</c>).</summary>
    public const int MaxLinkHops = 40;

    /// <summary>Why <paramref name="name"/> may not be written, or null when it may.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "an empty name (Git fsck: emptyName)";
        }
        if (name is "." or "..")
        {
            return $"the name '{name}' (Git fsck: {(name == "." ? "hasDot" : "hasDotdot")})";
        }
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return "a '/' in one entry's name (Git fsck: fullPathname)";
        }
        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "a '\\' in the name (a path separator on Windows; Git refuses it there)";
        }
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return "a NUL character in the name";
        }
        if (IsDotGit(name))
        {
            return "a name that means '.git' (Git fsck: hasDotgit)";
        }
        return Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? $"a name longer than {MaxNameBytes} bytes (NAME_MAX)" : null;
    }

    /// <summary>
    /// True for <c>.git</c> in any case, with code points HFS+ ignores anywhere in it, with trailing dots or spaces or an
    /// alternate data stream (NTFS), and for its NTFS short name <c>git~1</c>: every spelling some file system opens as <c>.git</c>.
    /// </summary>
    public static bool IsDotGit(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!IsHfsIgnorable(c))
            {
                folded.Append(c);
            }
        }
        var text = folded.ToString();
        var stream = text.IndexOf(':', StringComparison.Ordinal);
        text = (stream >= 0 ? text[..stream] : text).TrimEnd(' ', '.');
        return text.Equals(".git", StringComparison.OrdinalIgnoreCase) || text.Equals("git~1", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The code points HFS+ drops when it compares names (Git's <c>next_hfs_char</c>).</summary>
    private static bool IsHfsIgnorable(char c) =>
        c is >= '\u200c' and <= '\u200f' or >= '\u202a' and <= '\u202e' or >= '\u206a' and <= '\u206f' or '\ufeff';

    /// <summary>A name as it may be shown in an error: control characters and separators escaped, at most 200 characters.</summary>
    public static string Printable(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.Length > 200 ? name[..200] : name)
        {
            text.Append(char.IsControl(c) || IsHfsIgnorable(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return name.Length > 200 ? text + "…" : text.ToString();
    }
}
