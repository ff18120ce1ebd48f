using Edgeplane.Protocol.V1;

namespace Edgeplane.Agent.Status;

/// <summary>The PascalCase reasons of the agent's conditions (documented in docs/agent.md, "Conditions").</summary>
public static class AgentReasons
{
    /// <summary>Ready: the target bundle is applied and every object is Current.</summary>
    public const string ReconciliationSucceeded = "ReconciliationSucceeded";

    /// <summary>Ready=False: the hub has not targeted a bundle yet and nothing was applied before.</summary>
    public const string AwaitingTarget = "AwaitingTarget";

    /// <summary>Reconciling: applying a bundle.</summary>
    public const string Progressing = "Progressing";

    /// <summary>Reconciling: applied; waiting for objects to become Current.</summary>
    public const string HealthCheckInProgress = "HealthCheckInProgress";

    /// <summary>The target bundle is neither cached nor obtainable from the hub right now; retried with back-off.</summary>
    public const string BundleUnavailable = "BundleUnavailable";

    /// <summary>What the hub sent did not verify (hash, gzip, size); discarded and retried.</summary>
    public const string BundleVerificationFailed = "BundleVerificationFailed";

    /// <summary>Stalled: the bundle is not in the documented format or not for this cluster; waits for a new target.</summary>
    public const string BundleInvalid = "BundleInvalid";

    /// <summary>Objects failed to apply; retried with back-off.</summary>
    public const string ApplyFailed = "ApplyFailed";

    /// <summary>An object's health is Failed.</summary>
    public const string HealthCheckFailed = "HealthCheckFailed";

    /// <summary>Objects did not become Current within the health timeout; re-checked at every drift check.</summary>
    public const string HealthCheckTimedOut = "HealthCheckTimedOut";

    /// <summary>Drift was found and the bundle says report only (<c>spec.drift: report</c>).</summary>
    public const string DriftDetected = "DriftDetected";

    /// <summary>Drift was found and could not be corrected.</summary>
    public const string DriftCorrectionFailed = "DriftCorrectionFailed";

    /// <summary>The cluster's API server could not be reached or kept failing.</summary>
    public const string ClusterUnreachable = "ClusterUnreachable";

    /// <summary>
    /// Stalled: the hub revoked this cluster; workloads are left as they are and the agent stops talking to the hub. The
    /// name of the identity error that says so (<see cref="IdentityError.ClusterRevoked"/>).
    /// </summary>
    public const string ClusterRevoked = nameof(IdentityError.ClusterRevoked);

    /// <summary>Stalled: the client certificate expired before it could be renewed; enrol again with a new token.</summary>
    public const string CertificateExpired = "CertificateExpired";

    /// <summary>Stalled: the hub refused certificate renewal for good.</summary>
    public const string RenewalRefused = "RenewalRefused";

    /// <summary>
    /// Stalled: the hub does not speak this agent's protocol version (the hub's <see cref="GoodbyeReason.ProtocolVersionUnsupported"/>).
    /// </summary>
    public const string ProtocolVersionUnsupported = nameof(GoodbyeReason.ProtocolVersionUnsupported);

    /// <summary>
    /// Ready=False: the bundle is applied, but a CustomResourceDefinition it no longer has was not pruned because objects
    /// of its kind that are not pruned with it still exist; retried at every drift check.
    /// </summary>
    public const string PruneBlocked = "PruneBlocked";

    /// <summary>
    /// Ready=False, Reconciling=True: Cluster API worker pools of the bundle wait for their control plane to be Current (a
    /// Kubernetes upgrade reaches the workers after the control plane); the agent writes them once it is.
    /// </summary>
    public const string WaitingForControlPlane = Edgeplane.Kubernetes.Apply.ApplyDeferral.Reason;
}
