using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Schema;

namespace Edgeplane.KubeSim.Apply;

/// <summary>
/// Server-side apply and managedFields bookkeeping, after structured-merge-diff: apply merges a configuration,
/// detects conflicts with other managers, removes fields the manager stopped applying when nobody else owns them;
/// updates transfer ownership of changed fields to the updater.
/// </summary>
internal sealed class FieldOwnership(ResourceSchema schema, bool hasStatus, string? subresource, string apiVersion, string now)
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    /// <summary>Applies <paramref name="config"/> to <paramref name="live"/> for <paramref name="manager"/>; returns the new object with managedFields.</summary>
    /// <exception cref="ApiException">409 with the conflicting fields, unless <paramref name="force"/>.</exception>
    public JsonObject Apply(JsonObject live, JsonObject config, string manager, bool force)
    {
        var entries = ManagedFieldsCodec.Read(live);
        var configSet = OwnershipScope.Filter(FieldWalker.FromConfig(config, schema), hasStatus, subresource);
        var merged = ApplyMerger.Merge(live, config, schema);
        var (changed, _) = FieldWalker.Diff(live, merged, schema);
        var others = entries.Where(e => !e.Is(manager, ApplyOperation, subresource) && e.Subresource == subresource).ToList();
        var conflicts = others.Select(e => (Entry: e, Fields: e.Fields.Intersect(changed).Intersect(configSet)))
            .Where(c => c.Fields.Count > 0).ToList();
        if (conflicts.Count > 0 && !force)
        {
            throw ConflictError(conflicts);
        }
        conflicts.ForEach(c => c.Entry.Fields.ExceptWith(c.Fields));
        var own = entries.FirstOrDefault(e => e.Is(manager, ApplyOperation, subresource));
        RemoveDropped(merged, own?.Fields.Except(configSet), configSet, others);
        if (own is null)
        {
            entries.Add(new ManagedFieldsEntry(manager, ApplyOperation, apiVersion, now, subresource, configSet));
        }
        else
        {
            own.Fields = configSet;
            own.ApiVersion = apiVersion;
            own.Time = changed.Count > 0 ? now : own.Time;
        }
        ManagedFieldsCodec.Write(merged, entries);
        return merged;
    }

    /// <summary>Records an update (create, PUT, patch): the manager owns what it changed; others lose those fields.</summary>
    public void Update(JsonObject? before, JsonObject after, string manager)
    {
        var entries = before is null ? [] : ManagedFieldsCodec.Read(after);
        var (rawChanged, rawRemoved) = FieldWalker.Diff(Strip(before), Strip(after), schema);
        var changed = OwnershipScope.Filter(rawChanged, hasStatus, subresource);
        var removed = rawRemoved;
        if (changed.Count == 0 && removed.Count == 0)
        {
            ManagedFieldsCodec.Write(after, entries);
            return;
        }
        foreach (var entry in entries)
        {
            entry.Fields.ExceptWith(changed);
            entry.Fields.ExceptWith(removed);
        }
        var own = entries.FirstOrDefault(e => e.Is(manager, UpdateOperation, subresource));
        if (own is null)
        {
            entries.Add(new ManagedFieldsEntry(manager, UpdateOperation, apiVersion, now, subresource, changed));
        }
        else if (changed.Count > 0)
        {
            own.Fields.UnionWith(changed);
            own.ApiVersion = apiVersion;
            own.Time = now;
        }
        ManagedFieldsCodec.Write(after, entries);
    }

    private static JsonObject? Strip(JsonObject? obj)
    {
        if (obj is null)
        {
            return null;
        }
        var copy = (JsonObject)obj.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    private void RemoveDropped(JsonObject merged, FieldSet? dropped, FieldSet configSet, List<ManagedFieldsEntry> others)
    {
        if (dropped is null || dropped.Count == 0)
        {
            return;
        }
        var othersSet = new FieldSet();
        others.ForEach(e => othersSet.UnionWith(e.Fields));
        foreach (var path in dropped.Paths.OrderByDescending(p => p.Length))
        {
            if (othersSet.Contains(path) || othersSet.HasDescendant(path) || configSet.HasDescendant(path))
            {
                continue;
            }
            FieldPaths.Remove(merged, path, schema);
            RemoveEmptyParents(merged, path, othersSet, configSet);
        }
    }

    private void RemoveEmptyParents(JsonObject merged, string path, FieldSet othersSet, FieldSet configSet)
    {
        var elements = FieldSet.Split(path);
        for (var depth = elements.Length - 1; depth >= 2; depth--)
        {
            var parent = string.Join(FieldSet.Separator, elements[..depth]);
            if (othersSet.Contains(parent) || configSet.Contains(parent) || !IsEmptyObject(merged, elements[..depth]))
            {
                return;
            }
            FieldPaths.Remove(merged, parent, schema);
        }
    }

    private static bool IsEmptyObject(JsonObject root, string[] elements)
    {
        JsonNode? node = root;
        foreach (var element in elements)
        {
            if (!element.StartsWith("f:", StringComparison.Ordinal) || node is not JsonObject obj)
            {
                return false;
            }
            node = obj[element[2..]];
        }
        return node is JsonObject { Count: 0 };
    }

    private static ApiException ConflictError(List<(ManagedFieldsEntry Entry, FieldSet Fields)> conflicts)
    {
        var total = conflicts.Sum(c => c.Fields.Count);
        var causes = conflicts.SelectMany(c => c.Fields.Paths.Order(StringComparer.Ordinal).Select(p =>
            new StatusCause("FieldManagerConflict", $"conflict with \"{c.Entry.Manager}\" using {c.Entry.ApiVersion}", FieldSet.Describe(p))))
            .ToList();
        string message;
        if (total == 1)
        {
            message = $"Apply failed with 1 conflict: {causes[0].Message}: {causes[0].Field}";
        }
        else
        {
            var parts = conflicts.Select(c => $"conflicts with \"{c.Entry.Manager}\" using {c.Entry.ApiVersion}:\n" +
                string.Join("\n", c.Fields.Paths.Order(StringComparer.Ordinal).Select(p => "- " + FieldSet.Describe(p))));
            message = $"Apply failed with {total} conflicts: {string.Join("\n", parts)}";
        }
        return new ApiException(409, "Conflict", message, causes: causes);
    }
}
