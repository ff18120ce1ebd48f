namespace Edgeplane.Model.Selectors;

/// <summary>Operators of a label selector requirement, as in Kubernetes.</summary>
public enum SelectorOperator
{
    /// <summary>The label's value is one of the values.</summary>
    In,
    /// <summary>The label is missing or its value is none of the values.</summary>
    NotIn,
    /// <summary>The label is present.</summary>
    Exists,
    /// <summary>The label is missing.</summary>
    DoesNotExist,
}
