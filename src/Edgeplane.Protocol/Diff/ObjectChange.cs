using System.Text.Json.Serialization;

namespace Edgeplane.Protocol.Diff;

/// <summary>
/// An object in both versions whose fields differ. <see cref="Fields"/> holds at most the comparer's <c>maxFields</c>
/// changes; <see cref="OmittedFields"/> counts the rest (omitted from JSON when 0).
/// </summary>
/// <param name="Id">The object's id (<see cref="ObjectIdentity.Id"/>).</param>
/// <param name="Fields">The fields that differ, in document order.</param>
public sealed record ObjectChange(string Id, IReadOnlyList<FieldChange> Fields)
{
    /// <summary>Fields that differ beyond <see cref="Fields"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int OmittedFields { get; init; }
}
