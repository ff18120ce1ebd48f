using System.Globalization;

namespace Edgeplane.Model.Diagnostics;

/// <summary>Byte counts written for people in messages, with the exact count alongside: <c>1.5 MiB (1572864 bytes)</c>.</summary>
public static class ByteSizes
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB"];

    /// <summary>The count in the largest binary unit it reaches (at most two decimals), then the exact count.</summary>
    public static string Describe(long bytes)
    {
        var exact = bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        if (bytes < 1024)
        {
            return exact;
        }
        var value = (double)bytes;
        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return $"{Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture)} {Units[unit]} ({exact})";
    }
}
