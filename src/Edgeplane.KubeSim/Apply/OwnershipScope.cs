namespace Edgeplane.KubeSim.Apply;

/// <summary>
/// Which fields a manager can own through an operation: never apiVersion/kind or system metadata; for kinds with
/// a status subresource, main-resource writes own no status and status writes own only status.
/// </summary>
internal static class OwnershipScope
{
    private static readonly HashSet<string> SystemMetadata =
    [
        "f:name", "f:namespace", "f:uid", "f:resourceVersion", "f:generation", "f:creationTimestamp",
        "f:deletionTimestamp", "f:deletionGracePeriodSeconds", "f:managedFields", "f:selfLink",
    ];

    private static readonly HashSet<string> ImplicitRoots = ["f:metadata", "f:spec", "f:status", "f:apiVersion", "f:kind"];

    public static FieldSet Filter(FieldSet set, bool hasStatus, string? subresource) =>
        set.Where(p => Keep(p, hasStatus, subresource));

    public static bool Keep(string path, bool hasStatus, string? subresource)
    {
        var sep = path.IndexOf(FieldSet.Separator, StringComparison.Ordinal);
        var first = sep < 0 ? path : path[..sep];
        if (sep < 0 && ImplicitRoots.Contains(first))
        {
            return false;
        }
        if (first == "f:metadata")
        {
            var rest = path[(sep + 1)..];
            var second = rest.IndexOf(FieldSet.Separator, StringComparison.Ordinal) is var s and >= 0 ? rest[..s] : rest;
            return !SystemMetadata.Contains(second) && subresource is null;
        }
        var isStatus = first == "f:status";
        return subresource == "status" ? isStatus : !(hasStatus && isStatus);
    }
}
