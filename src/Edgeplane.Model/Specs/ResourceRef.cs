namespace Edgeplane.Model.Specs;

/// <summary>A strongly typed reference to one fleet resource; prints as <c>Kind/name</c>.</summary>
public readonly record struct ResourceRef(ResourceKind Kind, string Name) : IComparable<ResourceRef>
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";

    /// <inheritdoc />
    public int CompareTo(ResourceRef other)
    {
        var byKind = Kind.CompareTo(other.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(Name, other.Name);
    }
}
