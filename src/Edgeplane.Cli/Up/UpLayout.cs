namespace Edgeplane.Cli.Up;

/// <summary>
/// The data folder of <c>edgeplane up</c> (docs/up.md, "Data folder"): every path in one place, so a second run finds
/// what the first one made.
/// </summary>
public sealed class UpLayout(string dataDirectory)
{
    /// <summary>The data folder, absolute.</summary>
    public string Root { get; } = Path.GetFullPath(dataDirectory);

    /// <summary>The fleet Git repo the hub follows (branch <c>main</c>); commit here to roll out.</summary>
    public string Repo => Path.Combine(Root, "fleet");

    /// <summary>The hub's data folder: <c>hub.db</c> (SQLite), <c>identity/</c> (CA), <c>source.git</c> (mirror).</summary>
    public string Hub => Path.Combine(Root, "hub");

    /// <summary>KubeSim's persisted virtual clusters and objects.</summary>
    public string KubeSim => Path.Combine(Root, "kubesim");

    /// <summary>One state folder per agent: identity, cached bundles, status outbox, checkpoint.</summary>
    public string Agents => Path.Combine(Root, "agents");

    /// <summary>A kubeconfig with one context per virtual cluster (named like the cluster), for kubectl.</summary>
    public string Kubeconfig => Path.Combine(Root, "kubeconfig");

    /// <summary>The hub's admin API token (mode 0600), written when the hub creates it at first start.</summary>
    public string AdminToken => Path.Combine(Root, "admin-token");

    /// <summary>Logs of the hub, KubeSim and agents.</summary>
    public string Log => Path.Combine(Root, "logs", "up.log");

    /// <summary>The state folder of <paramref name="cluster"/>'s agent (one <c>up</c> started for a virtual cluster it made).</summary>
    public string AgentState(string cluster) => Path.Combine(Agents, cluster);

    /// <summary>
    /// One folder per virtual cluster whose <c>edgeplane-agent</c> Deployment <c>up</c>'s kubelet runs: the pod's state (its
    /// emptyDir) and the hash of the pod template it belongs to.
    /// </summary>
    public string Pods => Path.Combine(Root, "pods");

    /// <summary>The state folder of the agent pod in <paramref name="virtualCluster"/>.</summary>
    public string PodState(string virtualCluster) => Path.Combine(Pods, virtualCluster, "state");

    /// <summary>The file holding the template hash of the pod whose state <see cref="PodState"/> holds.</summary>
    public string PodTemplate(string virtualCluster) => Path.Combine(Pods, virtualCluster, "template");
}
