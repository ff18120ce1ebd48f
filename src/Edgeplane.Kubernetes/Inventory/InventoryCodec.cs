using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Inventory;

/// <summary>
/// The inventory ConfigMap format (v1). Data keys: <c>format</c>, <c>cluster</c>, <c>bundle</c>, optional
/// <c>digest</c> and <c>revision</c>, and <c>entries</c>: one object per line, <c>apiVersion kind namespace name</c>,
/// with <c>-</c> as the namespace of cluster-scoped objects (no namespace can be named "-").
/// </summary>
internal static class InventoryCodec
{
    public const string Format = "edgeplane.dev/inventory/v1";
    public const string InventoryLabel = "edgeplane.dev/inventory";

    public static string ConfigMapName(string bundle) => $"edgeplane-inventory-{bundle}";

    public static string EncodeEntries(IEnumerable<InventoryEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var (obj, apiVersion) in entries)
        {
            text.Append(apiVersion).Append(' ').Append(obj.Kind).Append(' ').Append(obj.Namespace ?? "-").Append(' ').Append(obj.Name).Append('\n');
        }
        return text.ToString();
    }

    public static JsonObject ToConfigMap(InventorySnapshot snapshot, string ns)
    {
        var data = new JsonObject
        {
            ["format"] = Format,
            ["cluster"] = snapshot.Cluster,
            ["bundle"] = snapshot.Bundle,
            ["entries"] = EncodeEntries(snapshot.Entries),
        };
        if (snapshot.Digest is not null)
        {
            data["digest"] = snapshot.Digest;
        }
        if (snapshot.Revision is not null)
        {
            data["revision"] = snapshot.Revision;
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = ConfigMapName(snapshot.Bundle),
                ["namespace"] = ns,
                ["labels"] = new JsonObject
                {
                    [EdgeplaneMetadata.ManagedByLabel] = EdgeplaneMetadata.ManagedByValue,
                    [EdgeplaneMetadata.ClusterLabel] = snapshot.Cluster,
                    [InventoryLabel] = snapshot.Bundle,
                },
            },
            ["data"] = data,
        };
    }

    /// <exception cref="InvalidDataException">The ConfigMap is not a v1 inventory; the message names the line.</exception>
    public static InventorySnapshot FromConfigMap(JsonObject configMap)
    {
        var data = configMap["data"] as JsonObject;
        var where = $"ConfigMap {ObjectJson.Namespace(configMap)}/{ObjectJson.Name(configMap)}";
        var format = ObjectJson.Str(data, "format");
        if (format != Format)
        {
            throw new InvalidDataException($"{where}: data.format is \"{format}\", expected \"{Format}\"");
        }
        var cluster = ObjectJson.Str(data, "cluster") ?? throw new InvalidDataException($"{where}: data.cluster is missing");
        var bundle = ObjectJson.Str(data, "bundle") ?? throw new InvalidDataException($"{where}: data.bundle is missing");
        var entries = DecodeEntries(ObjectJson.Str(data, "entries") ?? "", where);
        return new InventorySnapshot(cluster, bundle, ObjectJson.Str(data, "digest"), ObjectJson.Str(data, "revision"), entries);
    }

    private static List<InventoryEntry> DecodeEntries(string text, string where)
    {
        var entries = new List<InventoryEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            var parts = lines[i].Split(' ');
            if (parts.Length != 4 || parts.Any(p => p.Length == 0))
            {
                throw new InvalidDataException($"{where}: data.entries line {i + 1} is \"{lines[i]}\", expected \"apiVersion kind namespace name\"");
            }
            var ns = parts[2] == "-" ? null : parts[2];
            entries.Add(new InventoryEntry(new ObjectRef(ObjectJson.GroupOf(parts[0]), parts[1], ns, parts[3]), parts[0]));
        }
        return entries;
    }
}
