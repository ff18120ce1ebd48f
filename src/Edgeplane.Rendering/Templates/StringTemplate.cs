using System.Text;
using Edgeplane.Model.Validation;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// A string with <c>${name}</c> references. <c>$${</c> stands for a literal <c>${</c>; any other <c>$</c> is literal.
/// Parsed once per source string, substituted per cluster.
/// </summary>
internal sealed class StringTemplate
{
    private StringTemplate(string raw, TemplatePart[] parts, bool quoted)
    {
        Raw = raw;
        Parts = parts;
        Quoted = quoted;
    }

    /// <summary>Written in quotes in YAML: the result is always a string, as with Flux's substitution.</summary>
    public bool Quoted { get; }

    /// <summary>The text as written.</summary>
    public string Raw { get; }

    /// <summary>Literal text and variable references, in order.</summary>
    public TemplatePart[] Parts { get; }

    /// <summary>True when the whole unquoted string is one reference, so the value keeps its type (number, boolean, mapping).</summary>
    public bool IsWhole => !Quoted && Parts.Length == 1 && Parts[0].Variable is not null;

    /// <summary>
    /// Parses <paramref name="text"/>. Returns null with <paramref name="literal"/> set when there is nothing to
    /// substitute (escapes already resolved); sets <paramref name="error"/> when a reference is malformed.
    /// </summary>
    public static StringTemplate? Parse(string text, out string literal, out string? error, bool quoted = false)
    {
        literal = text;
        error = null;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = new List<TemplatePart>();
        var current = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                current.Append("${");
                i += 3;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    error = $"unterminated variable reference in \"{text}\": a \"${{\" needs a closing \"}}\" (write \"$${{\" for a literal \"${{\")";
                    return null;
                }
                var name = text[(i + 2)..end];
                if (!Names.IsVariableName(name))
                {
                    error = $"invalid variable reference \"${{{name}}}\" in \"{text}\"";
                    return null;
                }
                if (current.Length > 0)
                {
                    parts.Add(new TemplatePart(current.ToString(), null));
                    current.Clear();
                }
                parts.Add(new TemplatePart(null, name));
                i = end + 1;
            }
            else
            {
                current.Append(text[i]);
                i++;
            }
        }
        if (current.Length > 0)
        {
            parts.Add(new TemplatePart(current.ToString(), null));
        }
        if (parts.All(p => p.Variable is null))
        {
            literal = string.Concat(parts.Select(p => p.Literal));
            return null;
        }
        return new StringTemplate(text, [.. parts], quoted);
    }
}
