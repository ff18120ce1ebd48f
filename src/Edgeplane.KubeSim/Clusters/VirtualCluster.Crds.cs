using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Clusters;

internal sealed partial class VirtualCluster
{
    /// <summary>Serves a CRD's kinds as soon as it is stored (discovery and OpenAPI follow at once). Caller holds <see cref="Sync"/>.</summary>
    private void OnCrdWritten(JsonObject crd)
    {
        var crdType = ResourceCatalog.Builtin.FindKind(BuiltinCatalog.ApiExtensionsGroup, "CustomResourceDefinition")!;
        try
        {
            _catalog = _catalog.WithCrd(crd.Name()!, CrdDefinition.ToTypes(crd, crdType));
        }
        catch (ApiException)
        {
            // Admission validated it; a restored CRD that no longer parses is simply not served.
        }
    }

    /// <summary>Removes a deleted CRD's objects (with DELETED events) and then its kinds. Caller holds <see cref="Sync"/>.</summary>
    private void OnCrdDeleted(string crdName)
    {
        if (!_catalog.Crds.TryGetValue(crdName, out var types) || types.Length == 0)
        {
            return;
        }
        var type = types[0];
        foreach (var obj in _store.List(type.Key, null).ToList())
        {
            CommitDelete(type, obj, JsonUtil.ParseObject(obj.Json));
        }
        _catalog = _catalog.WithoutCrd(crdName);
    }
}
