namespace Edgeplane.Rendering;

/// <summary>
/// The names the renderer writes for every cluster provisioned through a ClusterTemplate, into its management cluster's
/// bundle; the hub and the agents find a provisioned cluster's objects by them.
/// <list type="bullet">
/// <item>The Cluster API <c>Cluster</c> of the template carries the label <see cref="ClusterLabel"/> with the fleet
/// name of the provisioned cluster; every object of the template carries <see cref="DeletionPolicyAnnotation"/>.</item>
/// <item>A <c>ClusterResourceSet</c> named <see cref="ResourceSetName"/>, in the template's namespace, selects that
/// Cluster by the label and applies, with strategy <c>Reconcile</c>, the Secret <see cref="JoinSecretName"/> of type
/// <see cref="JoinSecretType"/>: the agent's install manifests with a single-use bootstrap token, which the hub adds to
/// the management cluster's bundle (the renderer does not write it).</item>
/// </list>
/// </summary>
public static class ProvisioningContract
{
    /// <summary>API group of Cluster API's core kinds (<c>Cluster</c>, <c>MachineDeployment</c>, <c>MachinePool</c>).</summary>
    public const string ClusterApiGroup = "cluster.x-k8s.io";

    /// <summary>
    /// Label on the Cluster API <c>Cluster</c> naming the provisioned cluster. Not <c>edgeplane.dev/cluster</c>: that is
    /// the ownership label every object of a bundle carries, and here names the management cluster that applies it.
    /// </summary>
    public const string ClusterLabel = "edgeplane.dev/provisioned-cluster";

    /// <summary>Annotation on every object of a provisioned cluster's template: <c>Retain</c> or <c>Delete</c>.</summary>
    public const string DeletionPolicyAnnotation = "edgeplane.dev/deletion-policy";

    /// <summary>The type Cluster API requires of a Secret a ClusterResourceSet applies.</summary>
    public const string JoinSecretType = "addons.cluster.x-k8s.io/resource-set";

    /// <summary>Name of the ClusterResourceSet that installs the agent on <paramref name="cluster"/>.</summary>
    public static string ResourceSetName(string cluster) => "edgeplane-agent-" + cluster;

    /// <summary>Name of the Secret, beside the ClusterResourceSet, holding the agent manifests for <paramref name="cluster"/>.</summary>
    public static string JoinSecretName(string cluster) => "edgeplane-join-" + cluster;
}
