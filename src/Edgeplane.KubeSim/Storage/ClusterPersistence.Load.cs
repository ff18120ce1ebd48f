using System.Text;
using System.Text.Json;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Storage;

internal sealed partial class ClusterPersistence
{
    /// <summary>Replays snapshot + journal; returns the final objects, the highest resourceVersion seen and the version.</summary>
    public (List<(ResourceKey Resource, StoredObject Object)> Objects, long ResourceVersion, string Version) Load()
    {
        var objects = new Dictionary<(ResourceKey, string), StoredObject>();
        long rv = 0;
        foreach (var line in Lines(SnapshotPath))
        {
            var (resource, obj) = ReadObject(line);
            objects[(resource, obj.StoreKey)] = obj;
            rv = Math.Max(rv, obj.ResourceVersion);
        }
        foreach (var line in Lines(JournalPath))
        {
            rv = Math.Max(rv, Replay(line, objects));
        }
        return (objects.Select(kv => (kv.Key.Item1, kv.Value)).ToList(), rv, _version);
    }

    private long Replay(byte[] line, Dictionary<(ResourceKey, string), StoredObject> objects)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        switch (root.GetProperty("op").GetString())
        {
            case "put":
                var (resource, obj) = ReadObject(line);
                objects[(resource, obj.StoreKey)] = obj;
                return obj.ResourceVersion;
            case "del":
                var key = new ResourceKey(root.GetProperty("g").GetString()!, root.GetProperty("r").GetString()!);
                var ns = root.GetProperty("ns").ValueKind == JsonValueKind.String ? root.GetProperty("ns").GetString() : null;
                objects.Remove((key, StoreKeys.For(ns, root.GetProperty("n").GetString()!)));
                return root.GetProperty("rv").GetInt64();
            case "ver":
                _version = root.GetProperty("v").GetString()!;
                return 0;
            default:
                return 0;
        }
    }

    private static (ResourceKey, StoredObject) ReadObject(byte[] line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var resource = new ResourceKey(root.GetProperty("g").GetString()!, root.GetProperty("r").GetString()!);
        var objElement = root.GetProperty("o");
        var json = Encoding.UTF8.GetBytes(objElement.GetRawText());
        var meta = objElement.GetProperty("metadata");
        var ns = meta.TryGetProperty("namespace", out var n) ? n.GetString() : null;
        var rv = long.Parse(meta.GetProperty("resourceVersion").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var uid = meta.TryGetProperty("uid", out var u) ? u.GetString()! : string.Empty;
        return (resource, new StoredObject(json, rv, ns, meta.GetProperty("name").GetString()!, uid));
    }

    /// <summary>Lines of a file; a torn last line (crash mid-append) is ignored.</summary>
    private static IEnumerable<byte[]> Lines(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }
        var bytes = File.ReadAllBytes(path);
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                if (i > start)
                {
                    yield return bytes[start..i];
                }
                start = i + 1;
            }
        }
    }
}
