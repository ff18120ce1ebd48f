using System.Text.RegularExpressions;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Api;

/// <summary>
/// Parses Kubernetes label selector syntax: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>,
/// <c>a notin (x,y)</c>, <c>a</c>, <c>!a</c>, joined by commas.
/// </summary>
internal static partial class LabelSelectorParser
{
    /// <summary>Most terms in one selector.</summary>
    public const int MaxTerms = 32;

    public static bool TryParse(string? selector, out IReadOnlyList<LabelRequirement> requirements, out string error)
    {
        var terms = new List<LabelRequirement>();
        requirements = terms;
        error = "";
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }
        foreach (var raw in SplitTerms(selector))
        {
            var term = raw.Trim();
            var match = Term().Match(term);
            if (!match.Success || terms.Count >= MaxTerms)
            {
                error = terms.Count >= MaxTerms ? $"selector has more than {MaxTerms} terms" : $"invalid label selector term '{term}'";
                return false;
            }
            terms.Add(ToRequirement(match));
        }
        return true;
    }

    private static LabelRequirement ToRequirement(Match m)
    {
        if (m.Groups["not"].Success)
        {
            return new(m.Groups["nkey"].Value, LabelOperator.DoesNotExist, []);
        }
        var key = m.Groups["key"].Value;
        var op = m.Groups["op"].Value.Trim();
        if (op.Length == 0)
        {
            return new(key, LabelOperator.Exists, []);
        }
        var values = m.Groups["set"].Success
            ? m.Groups["set"].Value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList()
            : [m.Groups["value"].Value];
        return new(key, op is "!=" or "notin" ? LabelOperator.NotIn : LabelOperator.In, values);
    }

    // Commas inside "in (a,b)" do not split terms.
    private static IEnumerable<string> SplitTerms(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] == '(' ? 1 : selector[i] == ')' ? -1 : 0;
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }
        yield return selector[start..];
    }

    [GeneratedRegex(@"^(?:(?<not>!)\s*(?<nkey>[A-Za-z0-9._/-]+)|(?<key>[A-Za-z0-9._/-]+)\s*(?:(?<op>==|=|!=)\s*(?<value>[A-Za-z0-9._-]*)|(?<op>\s+in\s+|\s+notin\s+)\((?<set>[A-Za-z0-9._,\s-]*)\))?)$")]
    private static partial Regex Term();
}
