using System.Globalization;

namespace Edgeplane.ApiMachinery.Labels;

/// <summary>One requirement of a label selector, e.g. <c>tier in (a,b)</c> or <c>!legacy</c>; matched as Kubernetes does.</summary>
/// <param name="Key">The label key.</param>
/// <param name="Operator">How the label is compared.</param>
/// <param name="Values">One value for =, != and the integer comparisons, the set for in and notin, none otherwise.</param>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>True when <paramref name="labels"/> satisfy the requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Equals or LabelOperator.In => has && Contains(value!),
            LabelOperator.NotEquals or LabelOperator.NotIn => !has || !Contains(value!),
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            _ => has && Compare(value!),
        };
    }

    private bool Contains(string value)
    {
        foreach (var candidate in Values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // Kubernetes compares as 64-bit integers; a label that is not one never matches.
    private bool Compare(string value) =>
        Values.Count == 1
        && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
        && long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)
        && (Operator == LabelOperator.GreaterThan ? actual > bound : actual < bound);
}
