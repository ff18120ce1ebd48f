using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Api;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// Writes one object of a ClusterResourceSet into a workload cluster through the API's own write path (admission,
/// validation, CRD schemas), as Cluster API does: a create; an object that already exists is success under
/// ApplyOnce and is merge-patched with the object under Reconcile.
/// </summary>
internal static class ClusterApiResourceApplier
{
    /// <exception cref="ClusterApiResourceSetException">The kind is not served there, or the API refused the write.</exception>
    public static void Apply(VirtualCluster workload, JsonObject document, bool reconcile)
    {
        var apiVersion = document.Str("apiVersion");
        var kind = document.Str("kind");
        if (apiVersion is null || kind is null || document.Name() is not { } name)
        {
            throw new ClusterApiResourceSetException("NotApplied", "an object without apiVersion, kind or metadata.name");
        }
        var group = ClusterApiRef.GroupOf(apiVersion);
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var type = workload.Catalog.All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Kind == kind)
            ?? throw new ClusterApiResourceSetException("NotApplied", $"no matches for kind \"{kind}\" in version \"{apiVersion}\"");
        var ns = type.Namespaced ? document.Namespace() ?? "default" : null;
        var options = WriteOptions.Controller(ClusterApiObjects.Manager);
        try
        {
            try
            {
                workload.Create(new ObjectTarget(type, ns, null), JsonUtil.CloneObject(document), options);
            }
            catch (ApiException ex) when (ex.Reason == "AlreadyExists")
            {
                if (reconcile)
                {
                    workload.Patch(new ObjectTarget(type, ns, name), PatchKind.Merge, JsonUtil.CloneObject(document), options);
                }
            }
        }
        catch (ApiException ex)
        {
            throw new ClusterApiResourceSetException("NotApplied", $"{kind} {(ns is null ? name : $"{ns}/{name}")}: {ex.Message}");
        }
    }
}
