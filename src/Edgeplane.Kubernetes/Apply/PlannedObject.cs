using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Discovery;
using Edgeplane.Kubernetes.Inventory;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// A bundle object ready to apply: a private copy of its body (ownership labels stamped, server fields removed),
/// its identity and, once known, its resource mapping (null for kinds whose CRD the same bundle brings).
/// </summary>
internal sealed record PlannedObject(int Index, ObjectRef Ref, string ApiVersion, JsonObject Body, ResourceMapping? Mapping = null)
{
    public bool IsCrd => WellKnown.IsCrd(Ref.Group, Ref.Kind);

    public bool IsNamespace => WellKnown.IsNamespace(Ref.Group, Ref.Kind);

    public InventoryEntry Entry => new(Ref, ApiVersion);
}
