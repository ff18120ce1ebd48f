using System.Text;

namespace Edgeplane.Rendering.Templates;

/// <summary>
/// The size of a ConfigMap's or Secret's data as the Kubernetes API server counts it against its 1 MiB limit: the sum
/// of the values (keys not counted), base64 values decoded; a Secret's <c>stringData</c> replaces <c>data</c> entries
/// of the same key.
/// </summary>
internal static class ConfigData
{
    private static readonly (string Field, DataEncoding Encoding)[] ConfigMapFields = [("data", DataEncoding.Text), ("binaryData", DataEncoding.Base64)];

    // stringData first: its keys hide the data entries of the same name.
    private static readonly (string Field, DataEncoding Encoding)[] SecretFields = [("stringData", DataEncoding.Text), ("data", DataEncoding.Base64)];

    /// <summary>The data fields of a core ConfigMap or Secret, in counting order; null for any other kind.</summary>
    public static (string Field, DataEncoding Encoding)[]? FieldsOf(string apiVersion, string kind) => apiVersion != "v1" ? null : kind switch
    {
        "ConfigMap" => ConfigMapFields,
        "Secret" => SecretFields,
        _ => null,
    };

    /// <summary>The bytes one value stands for.</summary>
    public static long Bytes(string value, DataEncoding encoding) =>
        encoding == DataEncoding.Base64 ? DecodedLength(value) : Encoding.UTF8.GetByteCount(value);

    // Go's base64 decoder (used for []byte fields) skips line breaks; '=' pads the last group.
    private static long DecodedLength(string value)
    {
        long symbols = 0;
        var padding = 0;
        foreach (var c in value)
        {
            if (c is '\n' or '\r')
            {
                continue;
            }
            symbols++;
            padding = c == '=' ? padding + 1 : 0;
        }
        return Math.Max(0, (symbols * 3 / 4) - padding);
    }
}
