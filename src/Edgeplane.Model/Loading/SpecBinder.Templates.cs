using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edgeplane.Model.Specs;
using Edgeplane.Model.Validation;

namespace Edgeplane.Model.Loading;

internal static partial class SpecBinder
{
    public static ClusterTemplateSpec? ClusterTemplate(SpecReader r)
    {
        var provider = r.Enum<ClusterProvider>("provider");
        var ns = r.Name("namespace", required: true);
        var source = Source(r.Object("source", required: true), allowHelm: false);
        var description = r.String("description");
        var parameters = r.List("parameters", TemplateParameter);
        return ns is null || source is null ? null : new ClusterTemplateSpec(provider, ns, source, parameters, description);
    }

    private static TemplateParameterSpec? TemplateParameter(SpecReader p)
    {
        var name = p.String("name", required: true);
        if (name is not null && !Names.IsVariableName(name))
        {
            p.Error("name", "InvalidName", $"{p.FieldPath("name")} \"{name}\" is not a valid parameter name");
            name = null;
        }
        var typeWritten = p.Has("type");
        var parameter = new TemplateParameterSpec(name ?? "", p.String("description"), Default(p), p.Bool("required") ?? false)
        {
            Type = p.Enum<TemplateParameterType>("type"),
            Enum = p.Strings("enum"),
            Pattern = p.String("pattern"),
            Minimum = p.Int("minimum", int.MinValue, int.MaxValue),
            Maximum = p.Int("maximum", int.MinValue, int.MaxValue),
        };
        if (name is null)
        {
            return null;
        }
        if (!typeWritten || parameter.Type is not null)
        {
            CheckDeclaration(p, parameter);
        }
        return parameter;
    }

    private static VariableValue? Default(SpecReader p)
    {
        if (!p.Has("default"))
        {
            return null;
        }
        if (p.Node["default"] is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            return new VariableValue(v);
        }
        p.Error("default", "InvalidType", $"{p.FieldPath("default")} must be a string, number or boolean");
        return null;
    }

    private const string ParameterInvalid = "TemplateParameterInvalid";

    /// <summary>Constraints fit the declared type, and the default satisfies the parameter's own rules.</summary>
    private static void CheckDeclaration(SpecReader p, TemplateParameterSpec parameter)
    {
        var fits = CheckEnum(p, parameter) & CheckBounds(p, parameter);
        var pattern = CheckPattern(p, parameter, ref fits);
        if (fits && parameter.Default is { } fallback && TemplateParameterRules.Problem(parameter, fallback.Node, pattern) is { } problem)
        {
            p.Error("default", ParameterInvalid, $"{p.FieldPath("default")} {problem}");
        }
    }

    private static bool CheckEnum(SpecReader p, TemplateParameterSpec parameter)
    {
        if (parameter.Enum.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            p.Error("enum", ParameterInvalid, $"{p.FieldPath("enum")} lists \"{twice.Key}\" twice");
        }
        if (parameter.Type == TemplateParameterType.Enum && parameter.Enum.Count == 0)
        {
            p.Error("type", ParameterInvalid, $"{p.FieldPath("type")}: a parameter of type enum lists its values in {p.FieldPath("enum")}");
            return false;
        }
        if (p.Has("enum") && parameter.Type != TemplateParameterType.Enum)
        {
            p.Error("enum", ParameterInvalid, $"{p.FieldPath("enum")} is only for type: enum");
            return false;
        }
        return true;
    }

    private static bool CheckBounds(SpecReader p, TemplateParameterSpec parameter)
    {
        var fits = true;
        foreach (var bound in new[] { "minimum", "maximum" }.Where(b => p.Has(b) && parameter.Type != TemplateParameterType.Integer))
        {
            p.Error(bound, ParameterInvalid, $"{p.FieldPath(bound)} is only for type: integer");
            fits = false;
        }
        if (parameter.Minimum > parameter.Maximum)
        {
            p.Error("maximum", ParameterInvalid, $"{p.FieldPath("maximum")} {parameter.Maximum} is below {p.FieldPath("minimum")} {parameter.Minimum}");
            fits = false;
        }
        return fits;
    }

    /// <summary>The compiled pattern, if the parameter has a valid one; clears <paramref name="fits"/> when it is not.</summary>
    private static Regex? CheckPattern(SpecReader p, TemplateParameterSpec parameter, ref bool fits)
    {
        if (parameter.Pattern is not { } written)
        {
            return null;
        }
        if (parameter.Type != TemplateParameterType.String)
        {
            p.Error("pattern", ParameterInvalid, $"{p.FieldPath("pattern")} is only for type: string");
            fits = false;
            return null;
        }
        var pattern = TemplateParameterRules.Compile(written, out var error);
        if (pattern is null)
        {
            p.Error("pattern", ParameterInvalid, $"{p.FieldPath("pattern")} {error}");
            fits = false;
        }
        return pattern;
    }
}
