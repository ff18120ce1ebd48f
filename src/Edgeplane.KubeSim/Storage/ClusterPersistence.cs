using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Storage;

/// <summary>
/// Persists one cluster in a directory: <c>cluster.json</c> (name, version, resourceVersion), <c>objects.jsonl</c>
/// (a snapshot, one object per line) and <c>journal.jsonl</c> (every change since, appended and flushed to the OS on
/// each commit). Loading replays the journal over the snapshot, then compacts. Survives a process restart; an
/// operating-system crash may lose the last writes (no fsync per write).
/// </summary>
internal sealed partial class ClusterPersistence : IClusterJournal, IDisposable
{
    /// <summary>Journal records after which the journal is folded into a new snapshot.</summary>
    public const int CompactAfterRecords = 4096;

    private readonly string _directory;
    private readonly Func<IReadOnlyList<(ResourceKey, StoredObject)>> _snapshot;
    private FileStream? _journal;
    private int _records;
    private string _version;

    public ClusterPersistence(string directory, string version, Func<IReadOnlyList<(ResourceKey, StoredObject)>> snapshot)
    {
        _directory = directory;
        _version = version;
        _snapshot = snapshot;
        Directory.CreateDirectory(directory);
    }

    private string ManifestPath => Path.Combine(_directory, "cluster.json");

    private string SnapshotPath => Path.Combine(_directory, "objects.jsonl");

    private string JournalPath => Path.Combine(_directory, "journal.jsonl");

    public static ClusterManifest? ReadManifest(string directory)
    {
        var path = Path.Combine(directory, "cluster.json");
        if (!File.Exists(path))
        {
            return null;
        }
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        return new ClusterManifest(json["name"]!.GetValue<string>(), json["version"]!.GetValue<string>(), json["resourceVersion"]?.GetValue<long>() ?? 0);
    }

    public void Put(ResourceKey resource, StoredObject obj)
    {
        var head = $"{{\"op\":\"put\",\"g\":{JsonSerializer.Serialize(resource.Group)},\"r\":{JsonSerializer.Serialize(resource.Plural)},\"o\":";
        Append(Encoding.UTF8.GetBytes(head), obj.Json);
    }

    public void Delete(ResourceKey resource, StoredObject previous, long resourceVersion)
    {
        var record = new JsonObject
        {
            ["op"] = "del", ["g"] = resource.Group, ["r"] = resource.Plural,
            ["ns"] = previous.Namespace, ["n"] = previous.Name, ["rv"] = resourceVersion,
        };
        Append(JsonUtil.ToBytes(record)[..^1], []);
    }

    public void VersionChanged(string gitVersion)
    {
        _version = gitVersion;
        Append(Encoding.UTF8.GetBytes($"{{\"op\":\"ver\",\"v\":{JsonSerializer.Serialize(gitVersion)}"), []);
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _journal = null;
    }

    private void Append(byte[] head, byte[] obj)
    {
        _journal ??= new FileStream(JournalPath, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        _journal.Write(head);
        _journal.Write(obj);
        _journal.Write("}\n"u8);
        _journal.Flush();
        if (++_records >= CompactAfterRecords)
        {
            Compact(0);
        }
    }

    /// <summary>Writes a fresh snapshot and manifest (temp file + rename), then empties the journal.</summary>
    public void Compact(long resourceVersion)
    {
        var objects = _snapshot();
        var rv = Math.Max(resourceVersion, objects.Count == 0 ? 0 : objects.Max(o => o.Item2.ResourceVersion));
        WriteAtomically(SnapshotPath, stream =>
        {
            foreach (var (resource, obj) in objects)
            {
                stream.Write(Encoding.UTF8.GetBytes($"{{\"g\":{JsonSerializer.Serialize(resource.Group)},\"r\":{JsonSerializer.Serialize(resource.Plural)},\"o\":"));
                stream.Write(obj.Json);
                stream.Write("}\n"u8);
            }
        });
        WriteManifest(rv);
        _journal?.Dispose();
        _journal = null;
        File.WriteAllBytes(JournalPath, []);
        _records = 0;
    }

    public void WriteManifest(long resourceVersion)
    {
        var manifest = new JsonObject { ["name"] = Path.GetFileName(_directory), ["version"] = _version, ["resourceVersion"] = resourceVersion };
        WriteAtomically(ManifestPath, s => s.Write(Encoding.UTF8.GetBytes(manifest.ToJsonString())));
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
