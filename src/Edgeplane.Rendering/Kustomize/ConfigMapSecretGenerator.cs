using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Sources;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>
/// Makes the ConfigMap or Secret of one generator entry, as kustomize's generators do. Data over
/// <see cref="LoadLimits.MaxConfigDataBytes"/> (which Kubernetes would refuse) is an error before any of it is decoded
/// or encoded: the same file may be read under many keys, and each key would be a new copy.
/// </summary>
internal static class ConfigMapSecretGenerator
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The object, and at least how many bytes of JSON it holds (<paramref name="bytes"/>, for the build budget).</summary>
    public static KustomizeResource Generate(GeneratorSpec spec, Func<PathReference, byte[]> read, LoadLimits limits, out long bytes)
    {
        var pairs = GeneratorSources.Load(spec, read);
        var data = pairs.Sum(p => (long)p.Value.Length);
        if (data > limits.MaxConfigDataBytes)
        {
            throw KustomizeException.At(spec.At, "LimitExceeded",
                $"{spec.Kind} generator '{spec.Name}' makes {ByteSizes.Describe(data)} of data, more than the {ByteSizes.Describe(limits.MaxConfigDataBytes)} ConfigMap and Secret data limit (MaxConfigDataBytes)");
        }
        bytes = data + pairs.Sum(p => (long)p.Key.Length + 4);
        var metadata = new JsonObject { ["name"] = spec.Name };
        if (spec.Namespace.Length > 0)
        {
            metadata["namespace"] = spec.Namespace;
        }
        var node = new JsonObject { ["apiVersion"] = "v1", ["kind"] = spec.Kind, ["metadata"] = metadata };
        if (spec.Kind == "ConfigMap")
        {
            AddConfigMapData(node, pairs);
        }
        else
        {
            node["type"] = spec.Type;
            AddSecretData(node, pairs);
        }
        if (spec.Labels.Count > 0)
        {
            ObjectFields.SetMetadataMap(node, "labels", spec.Labels);
        }
        if (spec.Annotations.Count > 0)
        {
            ObjectFields.SetMetadataMap(node, "annotations", spec.Annotations);
        }
        if (spec.Immutable)
        {
            node["immutable"] = true;
        }
        return new KustomizeResource(node, spec.At)
        {
            Behavior = spec.Behavior,
            NeedsHash = !spec.DisableNameSuffixHash,
            HasBuildAnnotations = true,
        };
    }

    // Text that is valid UTF-8 goes to data; anything else to binaryData, base64-encoded.
    private static void AddConfigMapData(JsonObject node, List<KeyValuePair<string, byte[]>> pairs)
    {
        JsonObject? data = null, binary = null;
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (TryUtf8(value, out var text))
            {
                (data ??= [])[key] = text;
            }
            else
            {
                (binary ??= [])[key] = Base64Lines(value);
            }
        }
        if (data is not null)
        {
            node["data"] = data;
        }
        if (binary is not null)
        {
            node["binaryData"] = binary;
        }
    }

    private static void AddSecretData(JsonObject node, List<KeyValuePair<string, byte[]>> pairs)
    {
        if (pairs.Count == 0)
        {
            return;
        }
        var data = new JsonObject();
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data[key] = Base64Lines(value);
        }
        node["data"] = data;
    }

    /// <summary>Base64 as kustomize writes it: past 70 characters, broken into 70-character lines each ending in "\n".</summary>
    internal static string Base64Lines(byte[] value)
    {
        const int LineLength = 70;
        var encoded = Convert.ToBase64String(value);
        if (encoded.Length < LineLength)
        {
            return encoded;
        }
        var sb = new StringBuilder(encoded.Length + (encoded.Length / LineLength) + 1);
        for (var i = 0; i < encoded.Length; i += LineLength)
        {
            sb.Append(encoded.AsSpan(i, Math.Min(LineLength, encoded.Length - i))).Append('\n');
        }
        return sb.ToString();
    }

    private static bool TryUtf8(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}
