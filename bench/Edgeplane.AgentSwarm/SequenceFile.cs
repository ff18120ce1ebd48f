using System.Globalization;

namespace Edgeplane.AgentSwarm;

/// <summary>
/// The last status sequence of every agent (<c>sequences.txt</c>: "cluster sequence" lines in the state folder), so a
/// restarted swarm keeps numbering upwards as a restarted agent does; the hub drops a sequence it has already stored.
/// </summary>
internal static class SequenceFile
{
    public static Dictionary<string, ulong> Load(string state)
    {
        var path = Path.Combine(state, "sequences.txt");
        return !File.Exists(path) ? new Dictionary<string, ulong>(StringComparer.Ordinal)
            : File.ReadLines(path).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => ulong.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public static void Save(string state, Dictionary<string, ulong> sequences)
    {
        var path = Path.Combine(state, "sequences.txt");
        File.WriteAllLines(path + ".tmp", sequences.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
