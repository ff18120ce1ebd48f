using System.Text;
using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Targets;

/// <summary>
/// The PostgreSQL NOTIFY payload for target changes: lines of <c>cluster TAB digest TAB revision TAB generation</c>
/// (<c>-</c> for null), each payload under PostgreSQL's 8,000-byte limit. Lines without the generation (3 fields) are
/// read with generation 0.
/// </summary>
internal static class TargetNotification
{
    public const string Channel = "edgeplane_targets";

    /// <summary>Largest payload we send; PostgreSQL's limit is 8,000 bytes.</summary>
    public const int MaxPayloadBytes = 7_800;

    public static IEnumerable<string> Encode(IReadOnlyList<ClusterTargetChange> changes)
    {
        var payload = new StringBuilder();
        foreach (var change in changes)
        {
            var line = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{change.Cluster}\t{change.Digest ?? "-"}\t{change.Revision ?? "-"}\t{change.Generation}");
            if (payload.Length > 0 && Encoding.UTF8.GetByteCount(line) + payload.Length + 1 > MaxPayloadBytes)
            {
                yield return payload.ToString();
                payload.Clear();
            }
            if (payload.Length > 0)
            {
                payload.Append('\n');
            }
            payload.Append(line);
        }
        if (payload.Length > 0)
        {
            yield return payload.ToString();
        }
    }

    public static IEnumerable<ClusterTargetChange> Decode(string payload)
    {
        foreach (var line in payload.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length is 3 or 4)
            {
                var generation = parts.Length == 4 && long.TryParse(parts[3], System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : 0;
                yield return new ClusterTargetChange(parts[0], parts[1] == "-" ? null : parts[1], parts[2] == "-" ? null : parts[2], generation);
            }
        }
    }
}
