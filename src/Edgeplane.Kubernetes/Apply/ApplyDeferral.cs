using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// A Cluster API worker pool (MachineDeployment, MachinePool) whose change was not written, because the control plane of
/// its cluster in the same bundle is not Current yet (an upgrade still rolling, say): workers follow their control plane,
/// never lead it. Not a failure: the object stays in the inventory and a later apply writes it once
/// <see cref="WaitsFor"/> is Current.
/// </summary>
/// <param name="Object">The worker pool held back.</param>
/// <param name="WaitsFor">Its control plane.</param>
/// <param name="Message">The control plane's health, e.g. "rolling out v1.31.2 (status.version v1.30.4)".</param>
public sealed record ApplyDeferral(ObjectRef Object, ObjectRef WaitsFor, string Message)
{
    /// <summary>The PascalCase reason for objects held back this way (a ChangeSet message prefix, the agent's condition reason).</summary>
    public const string Reason = "WaitingForControlPlane";

    /// <summary>E.g. "MachineDeployment.cluster.x-k8s.io capi/p1-workers waits for KubeadmControlPlane… capi/p1-cp: rolling out v1.31.2".</summary>
    public override string ToString() => $"{Object} waits for {WaitsFor}: {Message}";
}
