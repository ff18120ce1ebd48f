using Edgeplane.Kubernetes.Apply;

namespace Edgeplane.Agent.Status;

/// <summary>How many objects the last apply created, configured, left unchanged, deleted, skipped, and failed.</summary>
public sealed record ChangeCounts(int Created, int Configured, int Unchanged, int Deleted, int Skipped, int Failed)
{
    /// <summary>The counts of <paramref name="changes"/>.</summary>
    public static ChangeCounts Of(ChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return new ChangeCounts(changes.Count(ChangeAction.Created), changes.Count(ChangeAction.Configured),
            changes.Count(ChangeAction.Unchanged), changes.Count(ChangeAction.Deleted), changes.Count(ChangeAction.Skipped),
            changes.Count(ChangeAction.Failed));
    }
}
