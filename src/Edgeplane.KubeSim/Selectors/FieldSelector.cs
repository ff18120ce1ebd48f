namespace Edgeplane.KubeSim.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c>: <c>field=value</c>, <c>field==value</c>, <c>field!=value</c>, joined by commas.
/// Supported fields: metadata.name and metadata.namespace for every kind, plus the few per-kind fields in
/// <see cref="SupportedFields"/> (as the real server, anything else is a 400).
/// </summary>
internal sealed class FieldSelector
{
    private static readonly HashSet<string> SupportedFields =
    [
        "metadata.name", "metadata.namespace", "status.phase", "spec.nodeName", "type",
        "involvedObject.name", "involvedObject.namespace", "involvedObject.kind", "involvedObject.uid",
    ];

    private FieldSelector(IReadOnlyList<(string Field, string Value, bool Equal)> terms) => Terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<(string Field, string Value, bool Equal)> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>The name this selector pins (metadata.name=X), which lets a list skip to one key.</summary>
    public string? ExactName => Terms.FirstOrDefault(t => t.Field == "metadata.name" && t.Equal).Value;

    public bool Matches(Func<string, string?> fieldValue) =>
        Terms.All(t => (fieldValue(t.Field) ?? string.Empty) == t.Value == t.Equal);

    /// <exception cref="FormatException">Malformed, or the field is not supported.</exception>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var terms = new List<(string, string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var ne = term.IndexOf("!=", StringComparison.Ordinal);
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            if (ne < 0 && eq < 0)
            {
                throw new FormatException($"invalid selector: '{text}'; can't understand '{term}'");
            }
            var (field, value, equal) = ne >= 0
                ? (term[..ne], term[(ne + 2)..], false)
                : (term[..eq], term[(eq + (term.Length > eq + 1 && term[eq + 1] == '=' ? 2 : 1))..], true);
            field = field.Trim();
            if (!SupportedFields.Contains(field))
            {
                throw new FormatException($"field label not supported: {field}");
            }
            terms.Add((field, value.Trim(), equal));
        }
        return new FieldSelector(terms);
    }
}
