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

    /// <summary>Constraints fit the declared type, and the default satisfies the parameter's own rules.</summary>
    private static void CheckDeclaration(SpecReader p, TemplateParameterSpec parameter)
    {
        const string Code = "TemplateParameterInvalid";
        var type = parameter.Type;
        Regex? pattern = null;
        var fits = true;
        if (type == TemplateParameterType.Enum && parameter.Enum.Count == 0)
        {
            p.Error("type", Code, $"{p.FieldPath("type")}: a parameter of type enum lists its values in {p.FieldPath("enum")}");
            fits = false;
        }
        else if (p.Has("enum") && type != TemplateParameterType.Enum)
        {
            p.Error("enum", Code, $"{p.FieldPath("enum")} is only for type: enum");
            fits = false;
        }
        if (parameter.Enum.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            p.Error("enum", Code, $"{p.FieldPath("enum")} lists \"{twice.Key}\" twice");
        }
        if (parameter.Pattern is { } written)
        {
            if (type != TemplateParameterType.String)
            {
                p.Error("pattern", Code, $"{p.FieldPath("pattern")} is only for type: string");
                fits = false;
            }
            else if ((pattern = TemplateParameterRules.Compile(written, out var error)) is null)
            {
                p.Error("pattern", Code, $"{p.FieldPath("pattern")} {error}");
                fits = false;
            }
        }
        foreach (var bound in new[] { "minimum", "maximum" }.Where(b => p.Has(b) && type != TemplateParameterType.Integer))
        {
            p.Error(bound, Code, $"{p.FieldPath(bound)} is only for type: integer");
            fits = false;
        }
        if (parameter.Minimum > parameter.Maximum)
        {
            p.Error("maximum", Code, $"{p.FieldPath("maximum")} {parameter.Maximum} is below {p.FieldPath("minimum")} {parameter.Minimum}");
            fits = false;
        }
        if (fits && parameter.Default is { } fallback && TemplateParameterRules.Problem(parameter, fallback.Node, pattern) is { } problem)
        {
            p.Error("default", Code, $"{p.FieldPath("default")} {problem}");
        }
    }
}
