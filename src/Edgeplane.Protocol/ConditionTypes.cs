namespace Edgeplane.Protocol;

/// <summary>The condition types an agent reports (kstatus / flux style). Reasons are PascalCase.</summary>
public static class ConditionTypes
{
    /// <summary>The target is applied and healthy.</summary>
    public const string Ready = "Ready";

    /// <summary>The agent is working towards the target.</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>The agent cannot make progress without outside help.</summary>
    public const string Stalled = "Stalled";

    /// <summary>
    /// Every node of the cluster is Ready and its kubelet runs the server's version (True), or not yet (False, naming the
    /// nodes), or the agent could not list them (Unknown). A rollout gate with <c>requireKubernetesVersion</c> waits for True.
    /// </summary>
    public const string NodesReady = "NodesReady";
}
