namespace Edgeplane.Cli.Up.Kubelet;

/// <summary>Where a kubelet runs the agent pods of its virtual cluster (<c>up</c>: in-process <see cref="Agent.AgentHost"/>s).</summary>
internal interface IAgentPodRuntime
{
    /// <summary>The pod running for <paramref name="virtualCluster"/>, or null.</summary>
    AgentPod? Running(string virtualCluster);

    /// <summary>Starts <paramref name="pod"/>; throws when its agent cannot start (enrolment refused, unusable state).</summary>
    Task StartAsync(AgentPod pod, CancellationToken cancellationToken);

    /// <summary>Stops the pod of <paramref name="virtualCluster"/>, if one runs.</summary>
    Task StopAsync(string virtualCluster);
}
