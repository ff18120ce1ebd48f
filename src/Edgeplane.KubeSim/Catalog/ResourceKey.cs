namespace Edgeplane.KubeSim.Catalog;

/// <summary>Where a resource's objects are stored: group + plural, independent of the served version.</summary>
internal readonly record struct ResourceKey(string Group, string Plural)
{
    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
