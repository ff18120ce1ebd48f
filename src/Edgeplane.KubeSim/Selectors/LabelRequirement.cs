namespace Edgeplane.KubeSim.Selectors;

/// <summary>One clause of a label selector, e.g. <c>tier in (a,b)</c> or <c>!legacy</c>.</summary>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Equals => has && value == Values[0],
            LabelOperator.NotEquals => !has || value != Values[0],
            LabelOperator.In => has && Values.Contains(value!),
            LabelOperator.NotIn => !has || !Values.Contains(value!),
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            _ => false,
        };
    }
}
