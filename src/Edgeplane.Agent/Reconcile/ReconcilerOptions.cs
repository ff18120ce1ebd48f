using Edgeplane.Kubernetes;
using Edgeplane.Kubernetes.Apply;

namespace Edgeplane.Agent.Reconcile;

/// <summary>The settings of <see cref="BundleReconciler"/>, taken from <c>AgentOptions</c> (documented there).</summary>
internal sealed record ReconcilerOptions(
    TimeSpan DriftInterval,
    TimeSpan HealthTimeout,
    TimeSpan HealthPollInterval,
    TimeSpan RetryInitialDelay,
    TimeSpan RetryMaxDelay,
    ClusterConnectionOptions Cluster,
    ApplierOptions Applier);
