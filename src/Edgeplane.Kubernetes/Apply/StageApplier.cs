using Edgeplane.Kubernetes.Api;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// Applies one stage: diff every object (reads and dry runs, a few at a time); if any dry run failed, write nothing
/// of the stage; otherwise write the changed objects one by one in bundle order.
/// </summary>
internal sealed class StageApplier(ClusterConnection connection, ApplierOptions options)
{
    private readonly bool _force = options.Conflicts == ConflictPolicy.Force;

    public async Task<StageOutcome> ApplyAsync(IReadOnlyList<PlannedObject> stage, CancellationToken cancellationToken)
    {
        var (outcome, diffs) = await DiffStageAsync(stage, cancellationToken).ConfigureAwait(false);
        await WriteAllAsync(diffs, outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// The dry runs of a stage, in stage order. When any failed, the outcome has the failures and the other objects are
    /// Skipped, and no diff is returned: nothing of the stage may be written.
    /// </summary>
    public async Task<(StageOutcome Outcome, IReadOnlyList<ObjectDiff> Diffs)> DiffStageAsync(IReadOnlyList<PlannedObject> stage,
        CancellationToken cancellationToken)
    {
        var outcome = new StageOutcome([], [], []);
        var diffs = await DiffAllAsync(stage, outcome, cancellationToken).ConfigureAwait(false);
        if (outcome.Failures.Count > 0)
        {
            var why = $"not applied: {outcome.Failures.Count} object(s) of its stage failed the dry run";
            outcome.Entries.AddRange(diffs.OfType<ObjectDiff>().Select(d => new ChangeSetEntry(d.Object.Ref, ChangeAction.Skipped, why)));
            return (outcome, []);
        }
        return (outcome, diffs.OfType<ObjectDiff>().ToList());
    }

    /// <summary>Writes the diffs that need it, one at a time in order; records every object's entry.</summary>
    public async Task WriteAllAsync(IEnumerable<ObjectDiff> diffs, StageOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var diff in diffs)
        {
            await WriteAsync(diff, outcome, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Diffs in parallel (bounded); the result keeps stage order, with null where the diff failed.</summary>
    private async Task<ObjectDiff?[]> DiffAllAsync(IReadOnlyList<PlannedObject> stage, StageOutcome outcome, CancellationToken cancellationToken)
    {
        var differ = new ObjectDiffer(connection, _force);
        var results = new ObjectDiff?[stage.Count];
        var errors = new ApplyFailure?[stage.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
        await Task.WhenAll(stage.Select(async (obj, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                results[i] = await differ.DiffAsync(obj, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex)
            {
                errors[i] = ApplyFailure.From(ex, ex.Verb == "discover" ? ApplyPhase.Discover : ApplyPhase.DryRun, obj.Ref);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        foreach (var error in errors.OfType<ApplyFailure>())
        {
            outcome.Failures.Add(error);
            outcome.Entries.Add(new ChangeSetEntry(error.Object!.Value, ChangeAction.Failed, error.Message));
        }
        return results;
    }

    private async Task WriteAsync(ObjectDiff diff, StageOutcome outcome, CancellationToken cancellationToken)
    {
        if (!diff.NeedsWrite)
        {
            outcome.Entries.Add(new ChangeSetEntry(diff.Object.Ref, diff.Action, diff.Message));
            if (diff.Action == ChangeAction.Unchanged)
            {
                outcome.Applied.Add(diff);
            }
            return;
        }
        try
        {
            await connection.Api.ApplyAsync(diff.Mapping, diff.Object.Ref, diff.Object.Body, dryRun: false, _force, cancellationToken)
                .ConfigureAwait(false);
            outcome.Entries.Add(new ChangeSetEntry(diff.Object.Ref, diff.Action,
                diff.Action == ChangeAction.Configured ? $"changed: {string.Join(", ", diff.Paths)}" : null));
            outcome.Applied.Add(diff);
        }
        catch (KubeApiException ex)
        {
            var failure = ApplyFailure.From(ex, ApplyPhase.Apply, diff.Object.Ref);
            outcome.Failures.Add(failure);
            outcome.Entries.Add(new ChangeSetEntry(diff.Object.Ref, ChangeAction.Failed, failure.Message));
        }
    }
}
