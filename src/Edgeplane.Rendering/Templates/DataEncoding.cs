namespace Edgeplane.Rendering.Templates;

/// <summary>How a value of a ConfigMap's or Secret's data counts against <c>LoadLimits.MaxConfigDataBytes</c>.</summary>
internal enum DataEncoding : byte
{
    /// <summary>Not data of a ConfigMap or Secret.</summary>
    None,
    /// <summary>Text (ConfigMap <c>data</c>, Secret <c>stringData</c>): its UTF-8 bytes.</summary>
    Text,
    /// <summary>Base64 (ConfigMap <c>binaryData</c>, Secret <c>data</c>): the bytes it decodes to.</summary>
    Base64,
}
