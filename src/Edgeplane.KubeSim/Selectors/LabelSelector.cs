using System.Text.RegularExpressions;

namespace Edgeplane.KubeSim.Selectors;

/// <summary>A parsed <c>labelSelector</c> query parameter; all requirements must match (AND).</summary>
internal sealed partial class LabelSelector
{
    /// <summary>Longest selector accepted; real selectors are short, this only bounds parsing work.</summary>
    public const int MaxLength = 4096;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Requirements.All(r => r.Matches(labels));

    /// <exception cref="FormatException">The selector is malformed; the message names the bad clause.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        if (text.Length > MaxLength)
        {
            throw new FormatException($"label selector longer than {MaxLength} characters");
        }
        return new LabelSelector(SplitClauses(text).Select(ParseClause).ToList());
    }

    private static IEnumerable<string> SplitClauses(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }
        yield return text[start..].Trim();
    }

    private static LabelRequirement ParseClause(string clause)
    {
        if (clause.Length == 0)
        {
            throw new FormatException("unable to parse requirement: empty clause");
        }
        var set = SetPattern().Match(clause);
        if (set.Success)
        {
            var values = set.Groups[3].Value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            values.ForEach(v => CheckValue(v, clause));
            var op = set.Groups[2].Value == "in" ? LabelOperator.In : LabelOperator.NotIn;
            return new LabelRequirement(CheckKey(set.Groups[1].Value, clause), op, values);
        }
        if (clause.StartsWith('!'))
        {
            return new LabelRequirement(CheckKey(clause[1..].Trim(), clause), LabelOperator.DoesNotExist, []);
        }
        var (key, value, opKind) = SplitEquality(clause);
        if (value is null)
        {
            return new LabelRequirement(CheckKey(key, clause), LabelOperator.Exists, []);
        }
        CheckValue(value, clause);
        return new LabelRequirement(CheckKey(key, clause), opKind, [value]);
    }

    private static (string Key, string? Value, LabelOperator Op) SplitEquality(string clause)
    {
        var ne = clause.IndexOf("!=", StringComparison.Ordinal);
        if (ne >= 0)
        {
            return (clause[..ne].Trim(), clause[(ne + 2)..].Trim(), LabelOperator.NotEquals);
        }
        var eq = clause.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return (clause, null, LabelOperator.Exists);
        }
        var skip = eq + 1 < clause.Length && clause[eq + 1] == '=' ? 2 : 1;
        return (clause[..eq].Trim(), clause[(eq + skip)..].Trim(), LabelOperator.Equals);
    }

    private static string CheckKey(string key, string clause) =>
        KeyPattern().IsMatch(key) ? key : throw new FormatException($"unable to parse requirement \"{clause}\": invalid label key \"{key}\"");

    private static void CheckValue(string value, string clause)
    {
        if (value.Length > 0 && !ValuePattern().IsMatch(value))
        {
            throw new FormatException($"unable to parse requirement \"{clause}\": invalid label value \"{value}\"");
        }
    }

    [GeneratedRegex(@"^(\S+)\s+(in|notin)\s*\((.*)\)$")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex ValuePattern();
}
