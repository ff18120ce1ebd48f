using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Decides whether an object needs writing: read the live object, server-side apply it with dryRun=All, and compare
/// (after Flux's ssa Diff). The dry run also validates the object, so a bad object fails before anything is written.
/// </summary>
internal sealed class ObjectDiffer(ClusterConnection connection, bool force)
{
    /// <exception cref="KubeApiException">A read, discovery or dry-run failed.</exception>
    public async Task<ObjectDiff> DiffAsync(PlannedObject obj, CancellationToken cancellationToken)
    {
        var mapping = obj.Mapping
            ?? await connection.Discovery.ResolveAsync(obj.ApiVersion, obj.Ref.Kind, obj.Ref, cancellationToken).ConfigureAwait(false);
        var live = await connection.Api.GetAsync(mapping, obj.Ref, cancellationToken).ConfigureAwait(false);
        if (live is not null && ObjectJson.Annotation(live, EdgeplaneMetadata.ReconcileAnnotation) == EdgeplaneMetadata.ReconcileDisabledValue)
        {
            return new ObjectDiff(obj, mapping, ChangeAction.Skipped, [], live,
                $"{EdgeplaneMetadata.ReconcileAnnotation}: {EdgeplaneMetadata.ReconcileDisabledValue} is set on the live object");
        }
        if (live is not null && ObjectJson.IsDeleting(live))
        {
            throw new KubeApiException("dry-run apply", obj.Ref, 409, "Terminating",
                "the live object is being deleted; it can be applied again once it is gone");
        }
        var dryRun = await connection.Api.ApplyAsync(mapping, obj.Ref, obj.Body, dryRun: true, force, cancellationToken).ConfigureAwait(false);
        if (live is null)
        {
            return new ObjectDiff(obj, mapping, ChangeAction.Created, [], null);
        }
        var paths = ObjectComparer.Diff(live, dryRun, connection.Options.FieldManager);
        return new ObjectDiff(obj, mapping, paths.Count == 0 ? ChangeAction.Unchanged : ChangeAction.Configured, paths, live);
    }
}
