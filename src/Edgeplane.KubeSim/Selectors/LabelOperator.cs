namespace Edgeplane.KubeSim.Selectors;

/// <summary>Label selector operators of the string form (<c>=</c>, <c>==</c>, <c>!=</c>, <c>in</c>, <c>notin</c>, <c>key</c>, <c>!key</c>).</summary>
internal enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
