namespace Edgeplane.ApiMachinery.Labels;

/// <summary>The operators of a Kubernetes label requirement (<c>k8s.io/apimachinery/pkg/selection</c>).</summary>
public enum LabelOperator
{
    /// <summary><c>key=value</c> or <c>key==value</c>; matchLabels entries: the label has the value.</summary>
    Equals,

    /// <summary><c>key!=value</c>: the label is missing or has another value.</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>, matchExpressions <c>In</c>: the label has one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>, matchExpressions <c>NotIn</c>: the label is missing or has none of the values.</summary>
    NotIn,

    /// <summary><c>key</c>, matchExpressions <c>Exists</c>: the label is present.</summary>
    Exists,

    /// <summary><c>!key</c>, matchExpressions <c>DoesNotExist</c>: the label is missing.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;n</c>: the label is an integer greater than n.</summary>
    GreaterThan,

    /// <summary><c>key&lt;n</c>: the label is an integer less than n.</summary>
    LessThan,
}
