using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Apply;

/// <summary>Reads and writes <c>metadata.managedFields</c> (FieldsV1) on an object.</summary>
internal static class ManagedFieldsCodec
{
    public static List<ManagedFieldsEntry> Read(JsonObject obj)
    {
        if (obj.At("metadata", "managedFields") is not JsonArray entries)
        {
            return [];
        }
        return entries.OfType<JsonObject>().Select(e => new ManagedFieldsEntry(
            e.Str("manager") ?? string.Empty,
            e.Str("operation") ?? "Update",
            e.Str("apiVersion") ?? string.Empty,
            e.Str("time") ?? string.Empty,
            e.Str("subresource"),
            FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject))).ToList();
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            var json = new JsonObject
            {
                ["apiVersion"] = entry.ApiVersion,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = entry.Fields.ToFieldsV1(),
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
            };
            if (entry.Subresource is not null)
            {
                json["subresource"] = entry.Subresource;
            }
            json["time"] = entry.Time;
            array.Add(json);
        }
        var meta = obj.Obj("metadata");
        if (array.Count == 0)
        {
            meta.Remove("managedFields");
        }
        else
        {
            meta["managedFields"] = array;
        }
    }
}
