namespace Edgeplane.Model.Specs;

/// <summary>
/// The Kubernetes Pod Security Standard enforced on a workspace's namespaces (the <c>pod-security.kubernetes.io/enforce</c>
/// label of each). Below <see cref="Privileged"/>, a workspace's pods cannot run privileged or mount the node's file
/// system, so its namespace-admin account cannot become cluster-admin through a pod.
/// </summary>
public enum PodSecurityLevel
{
    /// <summary>No restriction: the workspace's pods may take the node (needed by KubeVirt's virt-launcher pods).</summary>
    Privileged,
    /// <summary>No privileged pods, host namespaces, host paths or added capabilities beyond the default set (the default).</summary>
    Baseline,
    /// <summary>Baseline plus the hardening best practices (non-root, no privilege escalation, a seccomp profile).</summary>
    Restricted,
}
