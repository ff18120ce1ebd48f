namespace Edgeplane.Cli.Up.Kubelet;

/// <summary>
/// The agent an <c>edgeplane-agent</c> Deployment in a virtual cluster asks for, as <c>up</c>'s kubelet resolved it from the
/// pod template (its arguments after environment expansion, its token from the Secret the environment names).
/// </summary>
/// <param name="VirtualCluster">The KubeSim virtual cluster the Deployment is in (the agent's kubeconfig context).</param>
/// <param name="Cluster">The cluster id the agent must be (<c>--cluster</c>; else the virtual cluster's name).</param>
/// <param name="Hub">The gateway it dials (<c>--hub</c>).</param>
/// <param name="Token">The bootstrap token (<c>--token</c> or <c>$EDGEPLANE_BOOTSTRAP_TOKEN</c>); null when none is given.</param>
/// <param name="TemplateHash">sha256 of the pod template: a new one is a new pod, with a new (empty) state folder.</param>
internal sealed record AgentPod(string VirtualCluster, string Cluster, Uri Hub, string? Token, string TemplateHash)
{
    /// <summary>Never shows the token.</summary>
    public override string ToString() => $"agent pod of {Cluster} in virtual cluster {VirtualCluster} (hub {Hub}, template {TemplateHash[..12]})";
}
