namespace Edgeplane.Hub.Store;

/// <summary>One term of a Kubernetes-style label selector.</summary>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values);

/// <summary>Label selector operators, as in Kubernetes.</summary>
internal enum LabelOperator
{
    /// <summary><c>key=value</c>, <c>key==value</c>, <c>key in (a,b)</c>.</summary>
    In,

    /// <summary><c>key!=value</c>, <c>key notin (a,b)</c> (also matches clusters without the key).</summary>
    NotIn,

    /// <summary><c>key</c>.</summary>
    Exists,

    /// <summary><c>!key</c>.</summary>
    DoesNotExist,
}
