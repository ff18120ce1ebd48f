using Edgeplane.Kubernetes.Api;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Runs the stages of a plan in order, each through one <see cref="StageApplier"/>, waiting for the CRDs of the first
/// stage to be Established; stops at the first stage with a failure and reports the objects of later stages as Skipped.
/// </summary>
internal sealed class PlanRunner(ClusterConnection connection, ApplierOptions options)
{
    /// <returns>True when every stage applied without failure.</returns>
    public async Task<bool> RunAsync(BundlePlan plan, List<ChangeSetEntry> entries, List<ApplyFailure> failures,
        CancellationToken cancellationToken)
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
                entries.AddRange(stages.Skip(i + 1).SelectMany(s => s)
                    .Select(o => new ChangeSetEntry(o.Ref, ChangeAction.Skipped, "not applied: an earlier stage failed")));
                return false;
            }
        }
        return true;
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
