using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.State;
using Edgeplane.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Reconcile;

/// <summary>What a <see cref="BundleReconciler"/> works with.</summary>
internal sealed record ReconcilerDependencies(
    AgentOptions Options,
    string Cluster,
    ClusterConnection Connection,
    BundleCache Cache,
    IBundleSource Source,
    CheckpointFile Checkpoints,
    ReconcileGate Gate,
    TimeProvider Time,
    Random Random,
    ILogger Logger);
