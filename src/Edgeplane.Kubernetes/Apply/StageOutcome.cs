namespace Edgeplane.Kubernetes.Apply;

/// <summary>What one stage did: per-object entries, failures, and the diffs of the objects now live as the bundle says.</summary>
internal sealed record StageOutcome(List<ChangeSetEntry> Entries, List<ApplyFailure> Failures, List<ObjectDiff> Applied);
