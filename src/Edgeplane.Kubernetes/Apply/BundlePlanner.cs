using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Discovery;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Maps every object to its resource before anything is written, so a kind the cluster does not serve (and no CRD in
/// the bundle defines) or a namespace that does not fit the kind's scope fails the whole apply up front. Sorts them into
/// the stages of <see cref="BundlePlan"/>; a Cluster API worker pool whose control plane is in the bundle goes last.
/// </summary>
internal sealed class BundlePlanner(DiscoveryCache discovery)
{
    public async Task<(BundlePlan Plan, List<ApplyFailure> Failures)> PlanAsync(IReadOnlyList<PlannedObject> objects,
        CancellationToken cancellationToken)
    {
        var crdScopes = BundleCrdScopes(objects);
        var controlPlanes = WorkerPools.ControlPlanes(objects);
        var failures = new List<ApplyFailure>();
        var definitions = new List<PlannedObject>();
        var clusterScoped = new List<PlannedObject>();
        var namespaced = new List<PlannedObject>();
        var workers = new List<PlannedObject>();
        foreach (var obj in objects)
        {
            var (planned, isNamespaced) = await MapAsync(obj, crdScopes, failures, cancellationToken).ConfigureAwait(false);
            if (planned is null || !ScopeFits(planned, isNamespaced, failures))
            {
                continue;
            }
            (planned.IsCrd || planned.IsNamespace ? definitions
                : controlPlanes.ContainsKey(planned.Ref) ? workers
                : isNamespaced ? namespaced : clusterScoped).Add(planned);
        }
        return (new BundlePlan(definitions, clusterScoped, namespaced) { Workers = workers, ControlPlaneOf = controlPlanes }, failures);
    }

    private async Task<(PlannedObject? Planned, bool Namespaced)> MapAsync(PlannedObject obj,
        Dictionary<(string Group, string Kind), bool> crdScopes, List<ApplyFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            var mapping = await discovery.TryResolveAsync(obj.ApiVersion, obj.Ref.Kind, cancellationToken).ConfigureAwait(false);
            if (mapping is not null)
            {
                return (obj with { Mapping = mapping }, mapping.Namespaced);
            }
            if (crdScopes.TryGetValue((obj.Ref.Group, obj.Ref.Kind), out var scopeNamespaced))
            {
                // Its CRD comes with this bundle: map it once the CRD is Established.
                return (obj, scopeNamespaced);
            }
            failures.Add(new ApplyFailure(obj.Ref, ApplyPhase.Discover, 404, KubeApiException.Reasons.UnknownKind,
                $"the cluster does not serve kind {obj.Ref.Kind} in {obj.ApiVersion}, and no CustomResourceDefinition in the bundle defines it"));
        }
        catch (KubeApiException ex)
        {
            failures.Add(ApplyFailure.From(ex, ApplyPhase.Discover, obj.Ref));
        }
        return (null, false);
    }

    private static bool ScopeFits(PlannedObject obj, bool isNamespaced, List<ApplyFailure> failures)
    {
        if (isNamespaced && obj.Ref.Namespace is null)
        {
            failures.Add(ApplyFailure.Invalid(obj.Ref, ApplyFailure.Reasons.InvalidObject,
                $"{obj.Ref.Kind} is namespaced but the object has no metadata.namespace"));
            return false;
        }
        if (!isNamespaced && obj.Ref.Namespace is not null)
        {
            failures.Add(ApplyFailure.Invalid(obj.Ref, ApplyFailure.Reasons.InvalidObject,
                $"{obj.Ref.Kind} is cluster-scoped but the object sets metadata.namespace \"{obj.Ref.Namespace}\""));
            return false;
        }
        return true;
    }

    /// <summary>(group, kind) → namespaced, for every CRD in the bundle.</summary>
    private static Dictionary<(string Group, string Kind), bool> BundleCrdScopes(IReadOnlyList<PlannedObject> objects)
    {
        var scopes = new Dictionary<(string Group, string Kind), bool>();
        foreach (var crd in objects.Where(o => o.IsCrd))
        {
            var spec = crd.Body["spec"] as JsonObject;
            var group = ObjectJson.Str(spec, "group");
            var kind = ObjectJson.Str(ObjectJson.Path(spec, "names"), "kind");
            if (group is not null && kind is not null)
            {
                scopes[(group, kind)] = ObjectJson.Str(spec, "scope") != "Cluster";
            }
        }
        return scopes;
    }
}
