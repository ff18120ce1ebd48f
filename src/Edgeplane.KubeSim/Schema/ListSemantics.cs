namespace Edgeplane.KubeSim.Schema;

/// <summary>Merge behaviour of one list field, for server-side apply and strategic merge patch.</summary>
/// <param name="Keys">Item keys for <see cref="ListKind.Map"/> (x-kubernetes-list-map-keys).</param>
/// <param name="PatchMergeKey">Strategic merge key (patchMergeKey), or null when the list is replaced by a patch.</param>
/// <param name="PatchMergePrimitives">Strategic merge of a scalar list (patchStrategy=merge on e.g. finalizers).</param>
internal sealed record ListSemantics(ListKind Kind, string[] Keys, string? PatchMergeKey, bool PatchMergePrimitives = false)
{
    public static readonly ListSemantics Atomic = new(ListKind.Atomic, [], null);

    public static ListSemantics MapBy(string patchKey, params string[] keys) =>
        new(ListKind.Map, keys.Length == 0 ? [patchKey] : keys, patchKey);

    /// <summary>Values API servers default for list-map keys, so an item that omits them still matches.</summary>
    public static string? KeyDefault(string key) => key == "protocol" ? "TCP" : null;
}
