using System.Text.Json.Nodes;

namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// A field a revision changed: its path (<c>data.site</c>, <c>spec.template.spec.containers[name=app].image</c>) and its
/// value before and after.
/// </summary>
/// <param name="Path">Where the field is.</param>
/// <param name="Old">The value before; null when the field is new (<paramref name="Added"/>) or was JSON null.</param>
/// <param name="New">The value after; null when the field is gone (<paramref name="Removed"/>) or is JSON null.</param>
/// <param name="Added">The field did not exist before.</param>
/// <param name="Removed">The field does not exist after.</param>
/// <param name="Redacted">A Secret's field: the values are <c>"(redacted)"</c> stand-ins (map keys kept), never the data.</param>
/// <param name="Truncated">A value was longer than <see cref="RevisionDiffLimits.MaxValueChars"/>: it is then a string of its first characters as compact JSON, ending in <c>…</c>.</param>
public sealed record FieldDiffResponse(string Path, JsonNode? Old, JsonNode? New, bool Added, bool Removed, bool Redacted, bool Truncated);
