using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Inventory;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Applies a bundle the way a careful operator would (after Flux's ssa ResourceManager.ApplyAllStaged): validate,
/// read the inventory, map every kind, record the objects about to be applied, then server-side apply in stages —
/// CRDs and Namespaces (then wait for the CRDs to be Established), other cluster-scoped objects, namespaced objects —
/// writing only what a dry run shows would change; prune only after everything applied; store the new inventory.
/// </summary>
public sealed partial class BundleApplier
{
    private readonly ClusterConnection _connection;
    private readonly ApplierOptions _options;
    private readonly InventoryStore _inventory;
    private readonly ILogger _logger;

    /// <summary>An applier for the cluster behind <paramref name="connection"/>.</summary>
    public BundleApplier(ClusterConnection connection, ApplierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options ?? new ApplierOptions();
        _inventory = new InventoryStore(connection, _options.Inventory);
        _logger = connection.LoggerFactory.CreateLogger<BundleApplier>();
    }

    /// <summary>Applies <paramref name="request"/>. Failures are in the result, named per object; only cancellation throws.</summary>
    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogApplyStarted(request.Cluster, request.Bundle, request.Objects.Count, request.Digest);
        var run = new ApplyRun(request);
        var result = await RunAsync(run, cancellationToken).ConfigureAwait(false);
        LogApplyFinished(request.Cluster, request.Bundle, result.ChangeSet.ToString(), result.Failures.Count);
        foreach (var failure in result.Failures)
        {
            LogFailure(request.Cluster, request.Bundle, failure.ToString());
        }
        return result;
    }

    private async Task<ApplyResult> RunAsync(ApplyRun run, CancellationToken cancellationToken)
    {
        var (objects, invalid) = RequestValidator.Validate(run.Request, _options);
        if (invalid.Count > 0)
        {
            return run.Stop(invalid, objects.Select(o => o.Ref));
        }
        if (!await ReadInventoryAsync(run, objects.Count, cancellationToken).ConfigureAwait(false))
        {
            return run.Result();
        }
        var (plan, unmapped) = await new BundlePlanner(_connection.Discovery).PlanAsync(objects, cancellationToken).ConfigureAwait(false);
        if (unmapped.Count > 0)
        {
            return run.Stop(unmapped, objects.Select(o => o.Ref));
        }
        if (!await RecordIntentAsync(run, plan, cancellationToken).ConfigureAwait(false)
            || !await new PlanRunner(_connection, _options).RunAsync(plan, run.Entries, run.Failures, run.Deferred, cancellationToken).ConfigureAwait(false))
        {
            return run.Result();
        }
        await PruneAndRecordAsync(run, plan.All.Select(o => o.Entry).ToList(), cancellationToken).ConfigureAwait(false);
        return run.Result();
    }
}
