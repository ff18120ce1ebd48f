using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// One field that differs between two versions of an object: its path (<c>spec.template.spec.containers[name=x].image</c>)
/// and its value before and after. A field that exists on one side only has null on the other, and
/// <see cref="Added"/> or <see cref="Removed"/> says which (a JSON null value is null too, but neither flag is set).
/// </summary>
internal sealed record FieldChange(string Path, JsonNode? From, JsonNode? To)
{
    /// <summary>The field did not exist before.</summary>
    [JsonIgnore]
    public bool Added { get; init; }

    /// <summary>The field does not exist after.</summary>
    [JsonIgnore]
    public bool Removed { get; init; }
}
