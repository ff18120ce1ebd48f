using System.Globalization;

namespace Edgeplane.ApiMachinery.Labels;

public sealed partial class LabelSelector
{
    /// <summary>Longest selector text <see cref="Parse"/> accepts unless told otherwise; real selectors are short.</summary>
    public const int MaxLength = 4096;

    /// <summary>Most terms <see cref="Parse"/> accepts unless told otherwise.</summary>
    public const int MaxTerms = 256;

    /// <summary>
    /// Parses the string form of a Kubernetes label selector (<c>k8s.io/apimachinery/pkg/labels.Parse</c>): terms joined
    /// by commas, each one of <c>key</c>, <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>,
    /// <c>key in (a,b)</c>, <c>key notin (a,b)</c>, <c>key&gt;n</c>, <c>key&lt;n</c>; spaces around the parts are allowed.
    /// Keys and values must be valid label keys and values (<see cref="LabelSyntax"/>). Null or blank text matches everything.
    /// </summary>
    /// <exception cref="LabelSelectorException">The text is malformed or over a limit; the message names the term and what is wrong.</exception>
    public static LabelSelector Parse(string? text, int maxLength = MaxLength, int maxTerms = MaxTerms)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        if (text.Length > maxLength)
        {
            throw new LabelSelectorException(null, $"label selector longer than {maxLength} characters");
        }
        var terms = SplitTerms(text);
        if (terms.Count > maxTerms)
        {
            throw new LabelSelectorException(null, $"label selector has more than {maxTerms} terms");
        }
        var requirements = new LabelRequirement[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            requirements[i] = ParseTerm(terms[i].Trim());
        }
        return new LabelSelector(requirements);
    }

    // Commas inside "in (a,b)" do not split terms.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }
        terms.Add(text[start..]);
        return terms;
    }

    private static LabelRequirement ParseTerm(string term)
    {
        if (term.Length == 0)
        {
            throw new LabelSelectorException(term, "empty clause (two commas in a row, or a comma at either end)");
        }
        if (term[0] == '!')
        {
            return new LabelRequirement(Key(term[1..].TrimStart(), term), LabelOperator.DoesNotExist, []);
        }
        var end = 0;
        while (end < term.Length && !char.IsWhiteSpace(term[end]) && term[end] is not ('=' or '!' or '<' or '>' or '(' or ')'))
        {
            end++;
        }
        var key = term[..end];
        var rest = term[end..].TrimStart();
        if (rest.Length == 0)
        {
            return new LabelRequirement(Key(key, term), LabelOperator.Exists, []);
        }
        if (SetWord(rest) is { } word)
        {
            return new LabelRequirement(Key(key, term), word == "in" ? LabelOperator.In : LabelOperator.NotIn,
                SetValues(rest[word.Length..].Trim(), word, term));
        }
        var (op, width) = rest switch
        {
            _ when rest.StartsWith("!=", StringComparison.Ordinal) => (LabelOperator.NotEquals, 2),
            _ when rest.StartsWith("==", StringComparison.Ordinal) => (LabelOperator.Equals, 2),
            _ when rest[0] == '=' => (LabelOperator.Equals, 1),
            _ when rest[0] == '>' => (LabelOperator.GreaterThan, 1),
            _ when rest[0] == '<' => (LabelOperator.LessThan, 1),
            _ => throw new LabelSelectorException(term, $"expected =, ==, !=, in, notin, > or < after '{key}', found '{rest}'"),
        };
        Key(key, term);
        var value = Value(rest[width..].Trim(), term);
        if (op is LabelOperator.GreaterThan or LabelOperator.LessThan
            && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new LabelSelectorException(term, $"'{value}' is not an integer; > and < compare integers");
        }
        return new LabelRequirement(key, op, [value]);
    }

    /// <summary>"in" or "notin" as a whole word at the start of <paramref name="rest"/>.</summary>
    private static string? SetWord(string rest)
    {
        foreach (var word in (ReadOnlySpan<string>)["notin", "in"])
        {
            if (rest.StartsWith(word, StringComparison.Ordinal)
                && (rest.Length == word.Length || char.IsWhiteSpace(rest[word.Length]) || rest[word.Length] == '('))
            {
                return word;
            }
        }
        return null;
    }

    private static string[] SetValues(string set, string word, string term)
    {
        if (!set.StartsWith('('))
        {
            throw new LabelSelectorException(term, $"expected '(' after '{word}'");
        }
        if (set.Length < 2 || !set.EndsWith(')'))
        {
            throw new LabelSelectorException(term, "expected ')' at the end of the set");
        }
        var values = set[1..^1].Split(',');
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Value(values[i].Trim(), term);
        }
        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    private static string Key(string key, string term) => LabelSyntax.IsKey(key)
        ? key
        : throw new LabelSelectorException(term, $"invalid label key \"{key}\": {LabelSyntax.KeyRule}");

    private static string Value(string value, string term) => LabelSyntax.IsValue(value)
        ? value
        : throw new LabelSelectorException(term, $"invalid label value \"{value}\": {LabelSyntax.ValueRule}");
}
