using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Edgeplane.Protocol.Diff;

/// <summary>
/// One field that differs between two versions of an object: its path (<c>spec.template.spec.containers[name=x].image</c>)
/// and its value before and after. A field that exists on one side only has null on the other, and
/// <see cref="Added"/> or <see cref="Removed"/> says which (a JSON null value is null too, but neither flag is set).
/// </summary>
/// <param name="Path">Where the field is, in <see cref="FieldDiff"/>'s path style.</param>
/// <param name="From">The value before.</param>
/// <param name="To">The value after.</param>
public sealed record FieldChange(string Path, JsonNode? From, JsonNode? To)
{
    /// <summary>The field did not exist before.</summary>
    [JsonIgnore]
    public bool Added { get; init; }

    /// <summary>The field does not exist after.</summary>
    [JsonIgnore]
    public bool Removed { get; init; }

    /// <summary>
    /// The values are stand-ins (<see cref="SecretRedaction.Marker"/>), not what the object holds: a field of a Secret
    /// compared with <see cref="BundleComparer.RedactSecrets"/> (omitted from JSON when false).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Redacted { get; init; }
}
