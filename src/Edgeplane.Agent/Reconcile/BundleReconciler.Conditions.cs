using Edgeplane.Agent.Status;
using Edgeplane.Kubernetes.Apply;
using Edgeplane.Kubernetes.Health;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    /// <summary>Works out the conditions from the state after a pass and tells listeners.</summary>
    private void Publish()
    {
        ComputeConditions();
        var checkpoint = _deps.Checkpoint.Current;
        Updated?.Invoke(new ReconcileSnapshot(_conditions.Snapshot(), checkpoint.Target, _applied?.ApiVersions, checkpoint.AppliedDigest,
            checkpoint.AppliedRevision, _observation));
    }

    private void ComputeConditions()
    {
        if (_observation.Nodes is { } nodes)
        {
            _conditions.NodesReady(nodes.Ready, nodes.Reason, nodes.Message);
        }
        if (_frozen is { } frozen)
        {
            _conditions.Ready(false, frozen.Reason, frozen.Message);
            _conditions.Reconciling(null);
            _conditions.Stalled(frozen.Reason, frozen.Message);
            return;
        }
        if (_failure is { } failure)
        {
            var retry = _retryAt is { } at ? $"; retrying at {at:u}" : "";
            _conditions.Ready(false, failure.Reason, failure.Message + retry);
            _conditions.Reconciling(failure.Stalled ? null : failure.Reason, failure.Message + retry);
            _conditions.Stalled(failure.Stalled ? failure.Reason : null, failure.Message);
            return;
        }
        _conditions.Stalled(null);
        if (_applied is null)
        {
            _conditions.Ready(false, AgentReasons.AwaitingTarget, "waiting for the hub to target a bundle for this cluster");
            _conditions.Reconciling(null);
            return;
        }
        ComputeHealthConditions(_applied);
    }

    private void ComputeHealthConditions(LoadedBundle applied)
    {
        var observed = _observation;
        var subject = $"{applied.Digest} (revision {applied.Document.Revision})";
        if (observed.Failed.FirstOrDefault() is { } failed)
        {
            Unready(AgentReasons.HealthCheckFailed, $"{subject}: {observed.Failed.Count()} object(s) Failed: {Describe(observed.Failed)}");
        }
        else if (observed.Deferred.Count > 0)
        {
            var shown = string.Join("; ", observed.Deferred.Take(3)) + (observed.Deferred.Count > 3 ? $"; and {observed.Deferred.Count - 3} more" : "");
            _conditions.Ready(false, AgentReasons.WaitingForControlPlane,
                $"{subject}: {observed.Deferred.Count} Cluster API worker pool(s) wait for their control plane to be Current: {shown}");
            _conditions.Reconciling(AgentReasons.WaitingForControlPlane, "the worker pools are written once their control plane runs its version");
        }
        else if (!observed.AllCurrent && observed.Health.Count > 0)
        {
            var notCurrent = $"{observed.NotCurrent.Count()} of {observed.Health.Count} object(s) not Current: {Describe(observed.NotCurrent)}";
            if (_healthSince is { } since)
            {
                _conditions.Ready(false, AgentReasons.HealthCheckInProgress, $"{subject}: {notCurrent}");
                _conditions.Reconciling(AgentReasons.HealthCheckInProgress,
                    $"waiting up to {_options.HealthTimeout:g} from {since:u} for objects to become Current");
                return;
            }
            Unready(AgentReasons.HealthCheckTimedOut, $"{subject}: {notCurrent} (health timeout {_options.HealthTimeout:g})");
        }
        else if (observed.Drift.Any(d => !d.Corrected))
        {
            Unready(AgentReasons.DriftDetected,
                $"{subject}: {observed.Drift.Count(d => !d.Corrected)} object(s) drifted (drift policy: report): {string.Join("; ", observed.Drift.Take(5))}");
        }
        else if (observed.PruneBlocked.Count > 0)
        {
            Unready(AgentReasons.PruneBlocked, $"{subject}: not pruned: {string.Join("; ", observed.PruneBlocked.Take(3))}"
                + $"{(observed.PruneBlocked.Count > 3 ? $"; and {observed.PruneBlocked.Count - 3} more" : "")}; {PruneBlock.Remedy}");
        }
        else
        {
            var corrected = observed.Drift.Count(d => d.Corrected);
            var note = corrected > 0 ? $"; corrected drift on {corrected} object(s) at the last check" : "";
            _conditions.Ready(true, AgentReasons.ReconciliationSucceeded, $"applied {subject}; {observed.Health.Count} object(s) Current{note}");
            _conditions.Reconciling(null);
        }
    }

    private void Unready(string reason, string message)
    {
        _conditions.Ready(false, reason, message);
        _conditions.Reconciling(null);
    }

    private static string Describe(IEnumerable<ObjectHealth> objects)
    {
        var list = objects.ToList();
        var shown = string.Join("; ", list.Take(3).Select(h => h.ToString()));
        return list.Count > 3 ? $"{shown}; and {list.Count - 3} more" : shown;
    }
}
