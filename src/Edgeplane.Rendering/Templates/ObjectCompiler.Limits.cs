using System.Text.Json;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Rendering.Templates;

internal sealed partial class ObjectCompiler
{
    // Data values of the object being compiled that hold variables, and how each counts (see ConfigData).
    private readonly Dictionary<JsonNode, DataEncoding> _dataValues = new(ReferenceEqualityComparer.Instance);

    // Literal bytes already cut into segments: with the buffer, the fixed part of the object so far.
    private long _flushed;

    /// <summary>Writes the object into segments; false, with an error, once its fixed part passes the object limit.</summary>
    private bool WalkWithinLimit(JsonObject obj, string what, SourceLocation at)
    {
        _buffer.Clear();
        _segments.Clear();
        _flushed = 0;
        try
        {
            Walk(obj);
            Flush();
            return true;
        }
        catch (ObjectTooLargeException)
        {
            _buffer.Clear();
            _segments.Clear();
            _errors.Add(new Diagnostic(at,
                $"{what} is more than {ByteSizes.Describe(_limits.MaxObjectBytes)} of JSON: it exceeds the object limit (MaxObjectBytes)", "LimitExceeded"));
            return false;
        }
    }

    /// <summary>
    /// For a ConfigMap or Secret, the bytes of data known now (<paramref name="bytes"/>) and where its data is written;
    /// values with variables are marked to be counted per cluster. False, with an error, when they already exceed the
    /// data limit. <paramref name="bytes"/> is null for other kinds.
    /// </summary>
    private bool MeasureData(JsonObject obj, string apiVersion, string kind, string what, SourceLocation at, out long? bytes, out SourceLocation dataAt)
    {
        _dataValues.Clear();
        bytes = null;
        dataAt = at;
        if (ConfigData.FieldsOf(apiVersion, kind) is not { } fields)
        {
            return true;
        }
        long total = 0;
        HashSet<string>? replaced = null;
        foreach (var (field, encoding) in fields)
        {
            if (obj[field] is not JsonObject values)
            {
                continue;
            }
            dataAt = _map?.OfKey(obj, field) is { Line: > 0 } located ? located : at;
            foreach (var (key, value) in values)
            {
                total += replaced?.Contains(key) == true ? 0 : Measure(value, encoding);
            }
            replaced = field == "stringData" ? values.Select(v => v.Key).ToHashSet(StringComparer.Ordinal) : null;
        }
        bytes = total;
        if (total > _limits.MaxConfigDataBytes)
        {
            _errors.Add(new Diagnostic(dataAt, DataTooLarge(what, total, _limits.MaxConfigDataBytes), "LimitExceeded"));
            return false;
        }
        return true;
    }

    /// <summary>The message for a ConfigMap or Secret over the data limit (also used per cluster).</summary>
    internal static string DataTooLarge(string what, long bytes, long limit) =>
        $"{what} holds {ByteSizes.Describe(bytes)} of data, more than the {ByteSizes.Describe(limit)} ConfigMap and Secret data limit (MaxConfigDataBytes)";

    private long Measure(JsonNode? value, DataEncoding encoding)
    {
        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            return 0; // not a string: the API server refuses it anyway
        }
        if (StringTemplate.Parse(text.GetValue<string>(), out var literal, out _) is not null)
        {
            _dataValues[value] = encoding;
            return 0;
        }
        return ConfigData.Bytes(literal, encoding);
    }

    private sealed class ObjectTooLargeException : Exception;
}
