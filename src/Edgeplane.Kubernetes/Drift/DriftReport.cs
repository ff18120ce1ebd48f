using Edgeplane.Kubernetes.Apply;

namespace Edgeplane.Kubernetes.Drift;

/// <summary>The result of a drift check: the drifted objects (in bundle order), how many were checked, and failures.</summary>
public sealed record DriftReport(IReadOnlyList<ObjectDrift> Drifted, int Checked, IReadOnlyList<ApplyFailure> Failures)
{
    /// <summary>
    /// Drifted Cluster API worker pools a correction did not write because their control plane is not Current yet (they
    /// stay drifted, and are written by a later check or apply).
    /// </summary>
    public IReadOnlyList<ApplyDeferral> Deferred { get; init; } = [];

    /// <summary>True when at least one object drifted (corrected or not).</summary>
    public bool HasDrift => Drifted.Count > 0;

    /// <summary>Drifted objects that are still drifted (Report policy, or a correction that failed).</summary>
    public IEnumerable<ObjectDrift> Uncorrected => Drifted.Where(d => !d.Corrected);
}
