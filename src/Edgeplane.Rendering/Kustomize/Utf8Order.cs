namespace Edgeplane.Rendering.Kustomize;

/// <summary>Orders strings by their UTF-8 bytes, as Go sorts map keys.</summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }
        // UTF-16 ordinal order equals UTF-8 byte order except where surrogates meet U+E000..U+FFFF.
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return Weight(x[i]).CompareTo(Weight(y[i]));
            }
        }
        return x.Length.CompareTo(y.Length);
    }

    private static int Weight(char c) => char.IsSurrogate(c) ? c + 0x2000 : c >= '\uE000' ? c - 0x800 : c;
}
