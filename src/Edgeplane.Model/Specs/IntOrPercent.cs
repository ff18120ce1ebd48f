using System.Globalization;

namespace Edgeplane.Model.Specs;

/// <summary>A count or a percentage (<c>2</c> or <c>"10%"</c>), as in Kubernetes' maxUnavailable.</summary>
public readonly record struct IntOrPercent(int Value, bool IsPercent)
{
    /// <summary>The absolute number for a group of <paramref name="total"/> (percentages round down, at least 1 when total &gt; 0).</summary>
    public int Of(int total) => !IsPercent ? Value : total == 0 ? 0 : Math.Max(1, total * Value / 100);

    /// <inheritdoc />
    public override string ToString() => IsPercent ? $"{Value}%" : Value.ToString(CultureInfo.InvariantCulture);
}
