namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// A Kubernetes label selector in its string form, as used by patch targets' <c>labelSelector</c> and
/// <c>annotationSelector</c>: comma-separated requirements <c>k</c>, <c>!k</c>, <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k&gt;n</c>, <c>k&lt;n</c>. All requirements must hold.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));

    /// <summary>Parses a selector; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static LabelSelector Parse(string text)
    {
        var selector = new LabelSelector();
        var reader = new SelectorReader(text);
        reader.SkipSpaces();
        while (!reader.AtEnd)
        {
            selector._requirements.Add(ParseRequirement(reader));
            reader.SkipSpaces();
            if (!reader.AtEnd && !reader.TryRead(","))
            {
                throw new FormatException($"expected ',' at position {reader.Position + 1} in selector '{text}'");
            }
            reader.SkipSpaces();
        }
        return selector;
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(SelectorReader reader)
    {
        if (reader.TryRead("!"))
        {
            var absent = reader.ReadKey();
            return labels => !labels.ContainsKey(absent);
        }
        var key = reader.ReadKey();
        reader.SkipSpaces();
        if (reader.AtEnd || reader.Peek == ',')
        {
            return labels => labels.ContainsKey(key);
        }
        if (reader.TryRead("!="))
        {
            var value = reader.ReadValue();
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }
        if (reader.TryRead("==") || reader.TryRead("="))
        {
            var value = reader.ReadValue();
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }
        if (reader.TryRead(">") || reader.TryRead("<"))
        {
            var greater = reader.Text[reader.Position - 1] == '>';
            var bound = long.TryParse(reader.ReadValue(), out var n) ? n : throw new FormatException($"'{key}' needs an integer to compare with");
            return labels => labels.TryGetValue(key, out var v) && long.TryParse(v, out var actual) && (greater ? actual > bound : actual < bound);
        }
        var notIn = reader.TryReadWord("notin");
        if (!notIn && !reader.TryReadWord("in"))
        {
            throw new FormatException($"unexpected text at position {reader.Position + 1} in selector '{reader.Text}'");
        }
        var set = reader.ReadSet();
        return notIn
            ? labels => !labels.TryGetValue(key, out var v) || !set.Contains(v)
            : labels => labels.TryGetValue(key, out var v) && set.Contains(v);
    }
}
