using System.Text;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Kustomize;

/// <summary>Makes the ConfigMap or Secret of one generator entry, as kustomize's generators do.</summary>
internal static class ConfigMapSecretGenerator
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static KustomizeResource Generate(GeneratorSpec spec, Func<PathReference, byte[]> read)
    {
        var pairs = GeneratorSources.Load(spec, read);
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
                (binary ??= [])[key] = Convert.ToBase64String(value);
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
            data[key] = Convert.ToBase64String(value);
        }
        node["data"] = data;
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
