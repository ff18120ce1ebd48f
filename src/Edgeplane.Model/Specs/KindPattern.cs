namespace Edgeplane.Model.Specs;

/// <summary>
/// An allowed kind, written <c>Kind</c> (core group), <c>group/Kind</c>, <c>group/*</c> or <c>*</c>.
/// </summary>
public sealed record KindPattern(string Group, string Kind)
{
    /// <summary>Parses the written form; null if it is malformed.</summary>
    public static KindPattern? Parse(string text)
    {
        if (text == "*")
        {
            return new KindPattern("*", "*");
        }
        var slash = text.LastIndexOf('/');
        var group = slash < 0 ? "" : text[..slash];
        var kind = slash < 0 ? text : text[(slash + 1)..];
        if (kind.Length == 0 || (slash >= 0 && group.Length == 0) || group.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }
        var kindOk = kind == "*" || (char.IsAsciiLetterUpper(kind[0]) && kind.All(char.IsAsciiLetterOrDigit));
        var groupOk = group.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');
        return kindOk && groupOk ? new KindPattern(group, kind) : null;
    }

    /// <summary>True when an object of <paramref name="group"/>/<paramref name="kind"/> is allowed.</summary>
    public bool Matches(string group, string kind) =>
        (Group == "*" || Group == group) && (Kind == "*" || Kind == kind);

    /// <inheritdoc />
    public override string ToString() => Group == "*" ? "*" : Group.Length == 0 ? Kind : $"{Group}/{Kind}";
}
