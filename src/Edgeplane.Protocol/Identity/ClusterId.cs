using System.Diagnostics.CodeAnalysis;

namespace Edgeplane.Protocol.Identity;

/// <summary>
/// The identity of one managed cluster: a DNS-1123 label (1–63 characters of <c>a-z</c>, <c>0-9</c> and <c>-</c>,
/// starting and ending with a letter or digit). It is the subject CN of the cluster's client certificate and is
/// always compared exactly (ordinal, whole string): <c>a</c> never matches <c>a-b</c>, <c>A</c> or <c>a </c>.
/// </summary>
public readonly record struct ClusterId
{
    /// <summary>Longest cluster id (a DNS-1123 label).</summary>
    public const int MaxLength = 63;

    private ClusterId(string value) => Value = value;

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>Parses a cluster id; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static ClusterId Parse(string? text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Parses a cluster id; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(
        string? text, out ClusterId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        error = Check(text);
        if (error is not null)
        {
            return false;
        }
        id = new ClusterId(text!);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? "";

    private static string? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "cluster id is empty";
        }
        if (text.Length > MaxLength)
        {
            return $"cluster id '{Shorten(text)}' is {text.Length} characters long; at most {MaxLength} are allowed";
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var alnum = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            var edge = i == 0 || i == text.Length - 1;
            if (!alnum && (c != '-' || edge))
            {
                return $"cluster id '{Shorten(text)}' has '{Escape(c)}' at position {i + 1}; a cluster id is a DNS-1123 " +
                    "label: lowercase letters, digits and '-', starting and ending with a letter or digit";
            }
        }
        return null;
    }

    private static string Escape(char c) => char.IsControl(c) || c > '\x7e' ? $"\\u{(int)c:x4}" : c.ToString();

    private static string Shorten(string text)
    {
        var head = text.Length > 80 ? text[..80] + "…" : text;
        return string.Concat(head.Select(Escape));
    }
}
