using System.Text.Json.Serialization;

namespace Edgeplane.Cli.Diff;

/// <summary>
/// An object in both versions whose fields differ. <see cref="Fields"/> holds at most <c>--max-fields</c> changes;
/// <see cref="OmittedFields"/> counts the rest (omitted from JSON when 0).
/// </summary>
internal sealed record ObjectChange(string Id, IReadOnlyList<FieldChange> Fields)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int OmittedFields { get; init; }
}
