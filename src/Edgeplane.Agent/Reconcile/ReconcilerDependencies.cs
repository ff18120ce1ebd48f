using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.State;
using Edgeplane.Agent.Targets;
using Edgeplane.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Reconcile;

/// <summary>
/// What a <see cref="BundleReconciler"/> works with: targets arrive in <see cref="Targets"/>, bundles the cache lacks come
/// from <see cref="Source"/>, and what it must remember goes into <see cref="Checkpoint"/>.
/// </summary>
internal sealed record ReconcilerDependencies(
    ReconcilerOptions Options,
    string Cluster,
    ClusterConnection Connection,
    BundleCache Cache,
    IBundleSource Source,
    TargetInbox Targets,
    CheckpointState Checkpoint,
    ReconcileGate Gate,
    TimeProvider Time,
    Random Random,
    ILogger Logger);
