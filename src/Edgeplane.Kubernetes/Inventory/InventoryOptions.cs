namespace Edgeplane.Kubernetes.Inventory;

/// <summary>Where and how big the inventory ConfigMaps are.</summary>
public sealed record InventoryOptions
{
    /// <summary>Namespace of the inventory ConfigMaps; created when missing.</summary>
    public string Namespace { get; init; } = "edgeplane-system";

    /// <summary>
    /// Largest entry list in bytes. A ConfigMap holds at most 1 MiB; this leaves room for metadata and managedFields.
    /// At ~60 bytes per typical entry that is ~8,000 objects.
    /// </summary>
    public int MaxEntriesBytes { get; init; } = 512 * 1024;
}
