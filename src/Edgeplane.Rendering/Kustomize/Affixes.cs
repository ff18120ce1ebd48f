namespace Edgeplane.Rendering.Kustomize;

/// <summary>Compares the prefix or suffix histories of two objects the way kustomize does.</summary>
internal static class Affixes
{
    /// <summary>True when the shorter list equals the end of the longer one (both empty counts; one empty does not).</summary>
    public static bool Same(List<string> a, List<string> b)
    {
        var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
        var offset = longer.Count - shorter.Count;
        if (shorter.Count == 0)
        {
            return offset == 0;
        }
        for (var i = shorter.Count - 1; i >= 0; i--)
        {
            if (longer[i + offset] != shorter[i])
            {
                return false;
            }
        }
        return true;
    }
}
