using System.Text.Json;
using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Labels;

public sealed partial class LabelSelector
{
    /// <summary>
    /// Reads the structured form an object carries (<c>metav1.LabelSelector</c>: <c>matchLabels</c> and
    /// <c>matchExpressions</c> with <c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>) as
    /// <c>metav1.LabelSelectorAsSelector</c> does: the labels as equality requirements, then the expressions; an empty
    /// object matches everything. A missing selector (null) is not handled here: to Kubernetes it matches nothing.
    /// </summary>
    /// <exception cref="LabelSelectorException">A malformed entry; the message names it and what is wrong.</exception>
    public static LabelSelector FromStructured(JsonObject selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var requirements = new List<LabelRequirement>();
        if (selector["matchLabels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                requirements.Add(new LabelRequirement(key, LabelOperator.Equals, [Text(value, $"matchLabels.{key}")]));
            }
        }
        if (selector["matchExpressions"] is JsonArray expressions)
        {
            for (var i = 0; i < expressions.Count; i++)
            {
                requirements.Add(Expression(expressions[i] as JsonObject, $"matchExpressions[{i}]"));
            }
        }
        return new LabelSelector([.. requirements]);
    }

    private static LabelRequirement Expression(JsonObject? expression, string where)
    {
        if (expression is null)
        {
            throw new LabelSelectorException(null, $"{where} must be an object with key and operator");
        }
        var key = Text(expression["key"], $"{where}.key");
        var values = expression["values"] is JsonArray list ? list.Select((v, i) => Text(v, $"{where}.values[{i}]")).ToArray() : [];
        var op = Text(expression["operator"], $"{where}.operator") switch
        {
            "In" => LabelOperator.In,
            "NotIn" => LabelOperator.NotIn,
            "Exists" => LabelOperator.Exists,
            "DoesNotExist" => LabelOperator.DoesNotExist,
            var other => throw new LabelSelectorException(null, $"{where}.operator \"{other}\" is not a valid label selector operator"),
        };
        var needsValues = op is LabelOperator.In or LabelOperator.NotIn;
        if (needsValues == (values.Length == 0))
        {
            throw new LabelSelectorException(null, needsValues
                ? $"{where}: values must be non-empty for operator {op}"
                : $"{where}: values must be empty for operator {op}");
        }
        return new LabelRequirement(key, op, values);
    }

    private static string Text(JsonNode? node, string where) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new LabelSelectorException(null, $"{where} must be a string");
}
