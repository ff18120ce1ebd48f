using Edgeplane.Kubernetes.Drift;
using Edgeplane.Protocol.Bundles;

namespace Edgeplane.Agent.Bundles;

/// <summary>The bundle's <c>spec.drift</c> as the engine's drift policy (Protocol and Kubernetes do not know each other).</summary>
public static class BundleDriftExtensions
{
    /// <summary><see cref="BundleDrift.Report"/> → <see cref="DriftPolicy.Report"/>; otherwise <see cref="DriftPolicy.Correct"/>.</summary>
    public static DriftPolicy ToPolicy(this BundleDrift drift) => drift == BundleDrift.Report ? DriftPolicy.Report : DriftPolicy.Correct;
}
