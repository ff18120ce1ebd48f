using System.Globalization;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Api;

/// <summary>
/// meta.k8s.io/v1 Table answers for <c>kubectl get</c>: Name, the kind's columns (a CRD's additionalPrinterColumns
/// or the built-in columns in <see cref="BuiltinCatalog"/>), Age. Column paths are simple dotted paths; a built-in
/// column may join two paths with '/' (READY as 1/1). Other JSONPath features are not evaluated.
/// </summary>
internal static class TableWriter
{
    public static byte[] Render(ResourceType type, IReadOnlyList<byte[]> items, long resourceVersion, string? continueToken, TimeProvider time)
    {
        var columns = new JsonArray { Column("Name", "string", "name", "Name must be unique within a namespace.") };
        foreach (var column in type.PrinterColumns)
        {
            columns.Add(Column(column.Name, column.Type, string.Empty, column.Description, column.Priority));
        }
        var withAge = !type.IsCustom || type.PrinterColumns.Count == 0;
        if (withAge)
        {
            columns.Add(Column("Age", "string", string.Empty, "CreationTimestamp is a timestamp representing the server time when this object was created."));
        }
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var obj = JsonUtil.ParseObject(item);
            var cells = new JsonArray { obj.Name() };
            foreach (var column in type.PrinterColumns)
            {
                cells.Add(Cell(obj, column.JsonPath));
            }
            if (withAge)
            {
                cells.Add(Age(obj.At("metadata", "creationTimestamp")?.ToString(), time));
            }
            rows.Add(new JsonObject { ["cells"] = cells, ["object"] = obj });
        }
        var meta = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            meta["continue"] = continueToken;
        }
        return JsonUtil.ToBytes(new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = meta,
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        });
    }

    private static JsonObject Column(string name, string type, string format, string description, int priority = 0) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };

    private static JsonNode? Cell(JsonObject obj, string path)
    {
        if (path.Contains('/', StringComparison.Ordinal) && path.StartsWith('.'))
        {
            var parts = path.Split('/');
            return $"{Value(obj, parts[0])?.ToString() ?? "0"}/{Value(obj, parts[1])?.ToString() ?? "0"}";
        }
        return Value(obj, path)?.DeepClone() ?? "<none>";
    }

    private static JsonNode? Value(JsonObject obj, string path) =>
        obj.At(path.TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries));

    private static string Age(string? created, TimeProvider time)
    {
        if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return "<unknown>";
        }
        var age = time.GetUtcNow() - at;
        return age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }
}
