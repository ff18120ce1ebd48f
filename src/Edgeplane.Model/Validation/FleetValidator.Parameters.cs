using System.Text.RegularExpressions;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Specs;

namespace Edgeplane.Model.Validation;

/// <summary>
/// A provisioned Cluster's <c>spec.provisioning.parameters</c> against its ClusterTemplate's declarations: no unknown
/// parameter (<c>TemplateParameterUnknown</c>), no missing required one (<c>TemplateParameterMissing</c>), and every
/// value of the declared type, range, values and pattern (<c>TemplateParameterInvalid</c>), each at the value's line.
/// </summary>
internal sealed partial class FleetValidator
{
    /// <summary>Compiled parameter patterns by their text (null when the pattern itself is invalid, reported at the template).</summary>
    private readonly Dictionary<string, Regex?> _patterns = new(StringComparer.Ordinal);

    private void CheckParameters(FleetResource<ClusterSpec> cluster, ProvisioningSpec provisioning, FleetResource<ClusterTemplateSpec> template)
    {
        var owner = $"Cluster \"{cluster.Name}\"";
        var what = $"ClusterTemplate \"{template.Name}\"";
        var declared = new Dictionary<string, TemplateParameterSpec>(StringComparer.Ordinal);
        foreach (var parameter in template.Spec.Parameters)
        {
            declared.TryAdd(parameter.Name, parameter);
        }
        foreach (var (name, value) in provisioning.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var at = cluster.Origin.Locate("spec", "provisioning", "parameters", name);
            if (!declared.TryGetValue(name, out var parameter))
            {
                var known = declared.Count == 0 ? "it declares none" : $"its parameters are {string.Join(", ", declared.Keys.Order(StringComparer.Ordinal))}";
                Error(at, "TemplateParameterUnknown",
                    $"{owner}: spec.provisioning.parameters.{name} is not a parameter of {what}{Suggestions.DidYouMean(name, declared.Keys)} ({known})");
            }
            else if (TemplateParameterRules.Problem(parameter, value.Node, Pattern(parameter)) is { } problem)
            {
                Error(at, "TemplateParameterInvalid", $"{owner}: spec.provisioning.parameters.{name} {problem} (parameter \"{name}\" of {what})");
            }
        }
        var missingAt = cluster.Origin.Locate("spec", "provisioning", "parameters");
        foreach (var parameter in declared.Values.Where(p => p.Required && p.Default is null && !provisioning.Parameters.ContainsKey(p.Name)))
        {
            Error(missingAt, "TemplateParameterMissing",
                $"{owner}: {what} needs the parameter \"{parameter.Name}\" ({TemplateParameterRules.Describe(parameter)}) in spec.provisioning.parameters");
        }
    }

    private Regex? Pattern(TemplateParameterSpec parameter)
    {
        if (parameter.Type != TemplateParameterType.String || parameter.Pattern is not { } text)
        {
            return null;
        }
        if (!_patterns.TryGetValue(text, out var regex))
        {
            _patterns[text] = regex = TemplateParameterRules.Compile(text, out _);
        }
        return regex;
    }
}
