using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Inventory;

/// <summary>One tracked object: its identity and the API version it was last applied with (needed to delete it).</summary>
public sealed record InventoryEntry(ObjectRef Object, string ApiVersion);
