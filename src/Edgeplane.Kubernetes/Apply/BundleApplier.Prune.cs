namespace Edgeplane.Kubernetes.Apply;

public sealed partial class BundleApplier
{
    /// <summary>
    /// Finishes the prune of a bundle that is already applied, writing no object: entries the stored inventory still
    /// tracks beyond <paramref name="request"/>'s objects (a CRD held back by its instances, a Namespace that held foreign
    /// objects, a deletion that failed) go through the same prune rules again. Runs only when the stored inventory is
    /// this request's bundle and digest, i.e. when the last apply of exactly these objects succeeded; otherwise it does
    /// nothing and returns an empty result.
    /// </summary>
    public async Task<ApplyResult> RetryPruneAsync(ApplyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new ApplyRun(request);
        var (objects, invalid) = RequestValidator.Validate(request, _options);
        if (invalid.Count > 0)
        {
            return run.Stop(invalid, []);
        }
        if (!request.Prune || !await ReadInventoryAsync(run, objects.Count, cancellationToken).ConfigureAwait(false))
        {
            return run.Result();
        }
        if (request.Digest is null || run.Previous.Digest != request.Digest)
        {
            return run.Result();
        }
        var desired = objects.Select(o => o.Entry).ToList();
        var known = desired.Select(e => e.Object).ToHashSet();
        if (run.Previous.Entries.All(e => known.Contains(e.Object)))
        {
            return run.Result();
        }
        await PruneAndRecordAsync(run, desired, cancellationToken).ConfigureAwait(false);
        return run.Result();
    }
}
