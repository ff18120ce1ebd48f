using System.Text;

namespace Edgeplane.Hub.Targets;

/// <summary>
/// The PostgreSQL NOTIFY payload for target changes: lines of <c>cluster TAB digest TAB revision</c>
/// (<c>-</c> for null), each payload under PostgreSQL's 8,000-byte limit.
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
            var line = $"{change.Cluster}\t{change.Digest ?? "-"}\t{change.Revision ?? "-"}";
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
            if (parts.Length == 3)
            {
                yield return new ClusterTargetChange(parts[0], parts[1] == "-" ? null : parts[1], parts[2] == "-" ? null : parts[2]);
            }
        }
    }
}
