using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Loading;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

/// <summary>
/// Whether a value fits a ClusterTemplate parameter: its type, range, allowed values and pattern. Used for the template's
/// own defaults and for every Cluster's <c>spec.provisioning.parameters</c>. Patterns are bounded: at most
/// <see cref="MaxPatternLength"/> characters, matched by the non-backtracking engine against values of at most
/// <see cref="MaxValueLength"/> characters, so a match takes bounded time and a template cannot make validation hang.
/// There is deliberately no match timeout: it would make a commit's verdict depend on how busy the machine is (a
/// default refused on a loaded hub and accepted on an idle one).
/// </summary>
internal static class TemplateParameterRules
{
    /// <summary>The longest pattern a template may declare.</summary>
    public const int MaxPatternLength = 1024;

    /// <summary>The longest string value a parameter may have.</summary>
    public const int MaxValueLength = 4096;

    /// <summary>
    /// Compiles <paramref name="pattern"/> to match a whole value; null, with the reason in <paramref name="error"/>,
    /// when it is too long or not a regular expression the non-backtracking engine accepts.
    /// </summary>
    public static Regex? Compile(string pattern, out string? error)
    {
        if (pattern.Length > MaxPatternLength)
        {
            error = $"is longer than {MaxPatternLength} characters";
            return null;
        }
        try
        {
            // Compiled alone first, so that a stray ')' cannot close the anchoring group below.
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
            error = null;
            return new Regex($"\\A(?:{pattern})\\z", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException e)
        {
            error = $"cannot be matched in linear time (no backreferences, lookarounds or atomic groups): {e.Message}";
        }
        catch (ArgumentException e)
        {
            error = $"is not a valid regular expression: {e.Message}";
        }
        return null;
    }

    /// <summary>
    /// What is wrong with <paramref name="value"/> for <paramref name="parameter"/> (e.g. <c>must be at least 1, not 0</c>),
    /// or null when it fits. <paramref name="pattern"/> is the parameter's compiled pattern, if it has a valid one.
    /// </summary>
    public static string? Problem(TemplateParameterSpec parameter, JsonValue value, Regex? pattern) => parameter.Type switch
    {
        null => IsScalar(value) ? null : $"must be a string, number or boolean, not {SpecReader.Describe(value)}",
        TemplateParameterType.String => StringProblem(value, parameter.Pattern, pattern),
        TemplateParameterType.Integer => IntegerProblem(value, parameter.Minimum, parameter.Maximum),
        TemplateParameterType.Boolean => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? null : $"must be true or false, not {SpecReader.Describe(value)}",
        _ => EnumProblem(value, parameter.Enum),
    };

    /// <summary>The type and description of a parameter for messages, e.g. <c>integer from 1 to 9: replicas</c>.</summary>
    public static string Describe(TemplateParameterSpec parameter)
    {
        var type = parameter.Type switch
        {
            null => "any scalar",
            TemplateParameterType.Integer when parameter.Minimum is { } min && parameter.Maximum is { } max => $"integer from {min} to {max}",
            TemplateParameterType.Integer when parameter.Minimum is { } min => $"integer of at least {min}",
            TemplateParameterType.Integer when parameter.Maximum is { } max => $"integer of at most {max}",
            TemplateParameterType.Enum => $"one of {string.Join(", ", parameter.Enum)}",
            var t => t.Value.ToString().ToLowerInvariant(),
        };
        return parameter.Description is { Length: > 0 } text ? $"{type}: {text}" : type;
    }

    private static bool IsScalar(JsonValue value) =>
        value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static string? StringProblem(JsonValue value, string? written, Regex? pattern)
    {
        if (value.GetValueKind() != JsonValueKind.String)
        {
            return $"must be a string, not {SpecReader.Describe(value)} (quote it)";
        }
        var text = value.GetValue<string>();
        if (text.Length > MaxValueLength)
        {
            return $"is longer than {MaxValueLength} characters ({text.Length})";
        }
        return pattern is null || pattern.IsMatch(text) ? null : $"must match the pattern {written}, not \"{text}\"";
    }

    private static string? IntegerProblem(JsonValue value, long? minimum, long? maximum)
    {
        if (value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<long>(out var number))
        {
            return $"must be a whole number, not {SpecReader.Describe(value)}";
        }
        return number < minimum ? $"must be at least {minimum}, not {number}"
            : number > maximum ? $"must be at most {maximum}, not {number}"
            : null;
    }

    private static string? EnumProblem(JsonValue value, IReadOnlyList<string> allowed)
    {
        if (value.GetValueKind() == JsonValueKind.String && allowed.Contains(value.GetValue<string>(), StringComparer.Ordinal))
        {
            return null;
        }
        var hint = value.GetValueKind() == JsonValueKind.String ? Suggestions.DidYouMean(value.GetValue<string>(), allowed) : "";
        return $"must be one of {string.Join(", ", allowed)}, not {SpecReader.Describe(value)}{hint}";
    }
}
