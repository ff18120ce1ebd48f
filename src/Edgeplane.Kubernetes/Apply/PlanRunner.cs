using Edgeplane.Kubernetes.Api;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Runs the stages of a plan in order, each through one <see cref="StageApplier"/>, waiting for the CRDs of the first
/// stage to be Established; stops at the first stage with a failure and reports the objects of later stages as Skipped.
/// Last come the Cluster API worker pools: those that need a write wait (bounded) for their control plane to be Current,
/// and are deferred (<see cref="ApplyDeferral"/>) when it is not, so a Kubernetes upgrade reaches the workers only after
/// the control plane runs it.
/// </summary>
internal sealed class PlanRunner(ClusterConnection connection, ApplierOptions options)
{
    /// <returns>True when every stage applied without failure (deferred worker pools are not failures).</returns>
    public async Task<bool> RunAsync(BundlePlan plan, List<ChangeSetEntry> entries, List<ApplyFailure> failures,
        List<ApplyDeferral> deferred, CancellationToken cancellationToken)
    {
        var stages = plan.Stages.ToList();
        var applier = new StageApplier(connection, options);
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i].Count == 0)
            {
                continue;
            }
            var outcome = await applier.ApplyAsync(stages[i], cancellationToken).ConfigureAwait(false);
            entries.AddRange(outcome.Entries);
            failures.AddRange(outcome.Failures);
            if (outcome.Failures.Count == 0 && i == 0)
            {
                failures.AddRange(await WaitEstablishedAsync(outcome, cancellationToken).ConfigureAwait(false));
            }
            if (failures.Count > 0)
            {
                entries.AddRange(stages.Skip(i + 1).SelectMany(s => s).Concat(plan.Workers)
                    .Select(o => new ChangeSetEntry(o.Ref, ChangeAction.Skipped, "not applied: an earlier stage failed")));
                return false;
            }
        }
        return await RunWorkersAsync(plan, applier, entries, failures, deferred, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RunWorkersAsync(BundlePlan plan, StageApplier applier, List<ChangeSetEntry> entries, List<ApplyFailure> failures,
        List<ApplyDeferral> deferred, CancellationToken cancellationToken)
    {
        if (plan.Workers.Count == 0)
        {
            return true;
        }
        var (outcome, diffs) = await applier.DiffStageAsync(plan.Workers, cancellationToken).ConfigureAwait(false);
        var planes = diffs.Where(d => d.NeedsWrite).Select(d => plan.ControlPlaneOf[d.Object.Ref]).DistinctBy(p => p.Ref).ToList();
        var health = await new ControlPlaneWaiter(connection, options).WaitAsync(planes, cancellationToken).ConfigureAwait(false);
        var ready = new List<ObjectDiff>();
        foreach (var diff in diffs)
        {
            var plane = plan.ControlPlaneOf[diff.Object.Ref].Ref;
            if (diff.NeedsWrite && health[plane] is { Status: not Health.HealthStatus.Current } waiting)
            {
                var deferral = new ApplyDeferral(diff.Object.Ref, plane, waiting.Message);
                deferred.Add(deferral);
                outcome.Entries.Add(new ChangeSetEntry(diff.Object.Ref, ChangeAction.Skipped,
                    $"deferred ({ApplyDeferral.Reason}): its control plane {plane} is not Current yet: {waiting.Message}"));
                continue;
            }
            ready.Add(diff);
        }
        await applier.WriteAllAsync(ready, outcome, cancellationToken).ConfigureAwait(false);
        entries.AddRange(outcome.Entries);
        failures.AddRange(outcome.Failures);
        return failures.Count == 0;
    }

    private async Task<List<ApplyFailure>> WaitEstablishedAsync(StageOutcome definitions, CancellationToken cancellationToken)
    {
        var crds = definitions.Applied.Where(d => d.Object.IsCrd).ToList();
        if (crds.Count == 0)
        {
            return [];
        }
        try
        {
            return await new CrdWaiter(connection, options).WaitAsync(crds, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex)
        {
            return [ApplyFailure.From(ex, ApplyPhase.Establish)];
        }
    }
}
