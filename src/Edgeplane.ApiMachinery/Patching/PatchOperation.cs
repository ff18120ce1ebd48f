using System.Text.Json.Nodes;

namespace Edgeplane.ApiMachinery.Patching;

/// <summary>One validated operation of an RFC 6902 JSON patch (see <see cref="JsonPatch.Parse"/>).</summary>
/// <param name="Op">add, remove, replace, move, copy or test.</param>
/// <param name="Path">The RFC 6901 pointer the operation acts on.</param>
/// <param name="From">The source pointer of move and copy; null otherwise.</param>
/// <param name="Value">The value of add, replace and test (may be JSON null).</param>
/// <param name="HasValue">Whether the operation has a <c>value</c> member at all.</param>
/// <param name="Index">1-based position in the patch, for error messages.</param>
public sealed record PatchOperation(string Op, string Path, string? From, JsonNode? Value, bool HasValue, int Index);
