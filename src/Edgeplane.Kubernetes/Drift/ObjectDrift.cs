using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Drift;

/// <summary>
/// One drifted object: how, the field paths that differ (e.g. <c>spec.replicas</c>,
/// <c>spec.template.spec.containers[name=app].image</c>, <c>data.key</c>; values are never reported), and whether the
/// check corrected it.
/// </summary>
public sealed record ObjectDrift(ObjectRef Object, DriftKind Kind, IReadOnlyList<string> FieldPaths, bool Corrected)
{
    /// <summary>E.g. "Deployment web/api drifted at spec.replicas, corrected".</summary>
    public override string ToString() =>
        Kind == DriftKind.Missing
            ? $"{Object} missing{(Corrected ? ", recreated" : "")}"
            : $"{Object} drifted at {string.Join(", ", FieldPaths)}{(Corrected ? ", corrected" : "")}";
}
