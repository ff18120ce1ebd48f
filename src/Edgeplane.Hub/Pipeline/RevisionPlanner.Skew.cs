using Edgeplane.Hub.Store;
using Edgeplane.Model.Diagnostics;
using Edgeplane.Model.Validation;

namespace Edgeplane.Hub.Pipeline;

internal static partial class RevisionPlanner
{
    /// <summary>
    /// The version changes Kubernetes' skew policy forbids (<see cref="KubernetesSkew.Refusals"/>): each cluster's new
    /// declared version against the version the hub stored for it and, while an active rollout has not judged the
    /// cluster yet, against the version its target still carries. Empty when every change is allowed; a refusal fails
    /// the whole revision. A new cluster starts at whatever version it declares.
    /// </summary>
    public static IReadOnlyList<Diagnostic> SkewRefusals(IReadOnlyList<CompiledCluster> compiled, IReadOnlyDictionary<string, DesiredCluster> desired) =>
        KubernetesSkew.Refusals(compiled.SelectMany(cluster =>
        {
            var d = cluster.Declaration;
            if (d.KubernetesVersion is not { } next || !desired.TryGetValue(d.Name, out var current))
            {
                return [];
            }
            var changes = new List<KubernetesVersionChange>(2);
            if (current.KubernetesVersion is { } stored)
            {
                changes.Add(new(d.Name, stored, next, d.AllowKubernetesDowngrade, d.KubernetesVersionOrigin));
            }
            if (current.UnjudgedFromKubernetesVersion is { } running)
            {
                changes.Add(new(d.Name, running, next, d.AllowKubernetesDowngrade, d.KubernetesVersionOrigin,
                    "its target still carries it: an active rollout has not judged the cluster yet"));
            }
            return changes;
        }));
}
