using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Drift;

/// <summary>
/// Finds drift by the same server-side dry-run comparison the applier uses, and (under <see cref="DriftPolicy.Correct"/>)
/// re-applies the drifted objects in stages, never touching the others. A check writes nothing when nothing drifted.
/// </summary>
public sealed class DriftDetector
{
    private readonly ClusterConnection _connection;
    private readonly ApplierOptions _options;

    /// <summary>A detector for the cluster behind <paramref name="connection"/>, comparing as the applier would.</summary>
    public DriftDetector(ClusterConnection connection, ApplierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options ?? new ApplierOptions();
    }

    /// <summary>Checks every object of the bundle; failures are in the report, only cancellation throws.</summary>
    public async Task<DriftReport> DetectAsync(DriftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asApply = new ApplyRequest { Cluster = request.Cluster, Bundle = request.Bundle, Objects = request.Objects };
        var (objects, invalid) = RequestValidator.Validate(asApply, _options);
        if (invalid.Count > 0)
        {
            return new DriftReport([], 0, invalid);
        }
        var (plan, unmapped) = await new BundlePlanner(_connection.Discovery).PlanAsync(objects, cancellationToken).ConfigureAwait(false);
        var failures = new List<ApplyFailure>(unmapped);
        var drifted = await FindAsync(plan, failures, cancellationToken).ConfigureAwait(false);
        if (request.Policy == DriftPolicy.Report || drifted.Count == 0)
        {
            return new DriftReport(drifted.Select(d => d.Drift).ToList(), objects.Count, failures);
        }
        var deferred = new List<ApplyDeferral>();
        var corrected = await CorrectAsync(drifted.Select(d => d.Object).ToHashSet(), plan, failures, deferred, cancellationToken).ConfigureAwait(false);
        return new DriftReport(drifted.Select(d => d.Drift with { Corrected = corrected.Contains(d.Object.Ref) }).ToList(), objects.Count, failures)
        {
            Deferred = deferred,
        };
    }

    private async Task<List<(PlannedObject Object, ObjectDrift Drift)>> FindAsync(BundlePlan plan, List<ApplyFailure> failures,
        CancellationToken cancellationToken)
    {
        var differ = new ObjectDiffer(_connection, _options.Conflicts == ConflictPolicy.Force);
        var drifted = new List<(PlannedObject, ObjectDrift)>();
        foreach (var obj in plan.All)
        {
            try
            {
                if (obj.Mapping is null
                    && await _connection.Discovery.TryResolveAsync(obj.ApiVersion, obj.Ref.Kind, cancellationToken).ConfigureAwait(false) is null)
                {
                    // Its CRD (in the bundle) is gone too, so the object cannot exist.
                    drifted.Add((obj, new ObjectDrift(obj.Ref, DriftKind.Missing, [], false)));
                    continue;
                }
                var diff = await differ.DiffAsync(obj, cancellationToken).ConfigureAwait(false);
                if (diff.Action == ChangeAction.Created)
                {
                    drifted.Add((obj, new ObjectDrift(obj.Ref, DriftKind.Missing, [], false)));
                }
                else if (diff.Action == ChangeAction.Configured)
                {
                    drifted.Add((obj, new ObjectDrift(obj.Ref, DriftKind.Modified, diff.Paths, false)));
                }
            }
            catch (KubeApiException ex)
            {
                failures.Add(ApplyFailure.From(ex, ex.Verb == "discover" ? ApplyPhase.Discover : ApplyPhase.DryRun, obj.Ref));
            }
        }
        return drifted;
    }

    /// <summary>Re-applies just the drifted objects, staged like a full apply; returns those now written.</summary>
    private async Task<HashSet<ObjectRef>> CorrectAsync(HashSet<PlannedObject> drifted, BundlePlan plan, List<ApplyFailure> failures,
        List<ApplyDeferral> deferred, CancellationToken cancellationToken)
    {
        var entries = new List<ChangeSetEntry>();
        await new PlanRunner(_connection, _options).RunAsync(plan.Subset(drifted), entries, failures, deferred, cancellationToken).ConfigureAwait(false);
        return entries.Where(e => e.Action is ChangeAction.Created or ChangeAction.Configured).Select(e => e.Object).ToHashSet();
    }
}
