using Edgeplane.Agent;
using Edgeplane.Agent.Link;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Protocol;

namespace Edgeplane.Cli.Up;

public sealed partial class UpStack
{
    /// <summary>Longest reason text in a convergence row.</summary>
    public const int MaxReasonChars = 160;

    /// <summary>
    /// Every cluster's convergence as the hub decides it (<c>converged</c> of <c>GET /api/v1/clusters</c>), with a reason
    /// from the hub's digests and the agent's own snapshot for those that are not.
    /// </summary>
    public async Task<ConvergenceSnapshot> ReadConvergenceAsync(CancellationToken cancellationToken = default)
    {
        var clusters = await ListClustersAsync(cancellationToken).ConfigureAwait(false);
        return new ConvergenceSnapshot(clusters.Select(Judge).ToList());
    }

    /// <summary>
    /// Re-reads convergence whenever something changes until <paramref name="done"/> holds or <paramref name="timeout"/>
    /// passes; returns the last snapshot either way (check it). While the hub is stopped nothing is read.
    /// </summary>
    public async Task<ConvergenceSnapshot> WaitForConvergenceAsync(Func<ConvergenceSnapshot, bool> done, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(done);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var last = new ConvergenceSnapshot([]);
        while (true)
        {
            var next = NextChange();
            if (_hub is not null)
            {
                last = await ReadConvergenceAsync(cancellationToken).ConfigureAwait(false);
                if (done(last))
                {
                    return last;
                }
            }
            try
            {
                await next.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return last;
            }
        }
    }

    /// <summary>
    /// Waits until an agent's own snapshot satisfies <paramref name="done"/> (works while the hub is stopped); throws
    /// <see cref="TimeoutException"/> with the last snapshot after <paramref name="timeout"/>.
    /// </summary>
    public async Task<AgentSnapshot> WaitForAgentAsync(string cluster, Func<AgentSnapshot, bool> done, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(done);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        AgentSnapshot? last = null;
        while (true)
        {
            var next = NextChange();
            if (_agents.TryGetValue(cluster, out var agent) && done(last = agent.Snapshot))
            {
                return last;
            }
            try
            {
                await next.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"agent '{cluster}' did not reach the expected state within {timeout}; last: {Describe(last)}");
            }
        }
    }

    private ClusterConvergence Judge(ClusterResponse cluster)
    {
        var row = new ClusterConvergence(cluster.Name, cluster.Desired.Digest, cluster.AppliedDigest, cluster.Status.Health ?? "Unknown",
            cluster.Converged, "");
        return row.Converged ? row : row with { Reason = Cut(Reason(cluster, _agents.GetValueOrDefault(cluster.Name)?.Snapshot)) };
    }

    private static string Reason(ClusterResponse cluster, AgentSnapshot? agent)
    {
        var (desired, applied) = (cluster.Desired.Digest, cluster.AppliedDigest);
        if (desired is null)
        {
            return "the hub has no bundle for this cluster yet";
        }
        if (agent is null)
        {
            return "no agent is running for this cluster";
        }
        if (agent.Condition(ConditionTypes.Stalled) is { IsTrue: true } stalled)
        {
            return $"{stalled.Reason}: {stalled.Message}";
        }
        if (agent.Link.State != HubLinkState.Connected && applied != desired)
        {
            return $"hub link {agent.Link.State}: {agent.Link.Message}";
        }
        if (applied != desired)
        {
            return agent.Target?.Digest == desired
                ? $"applying the desired bundle ({Ready(agent)})"
                : "waiting for the hub's new target";
        }
        return $"applied, health {cluster.Status.Health ?? "not reported yet"} ({Ready(agent)})";
    }

    private static string Ready(AgentSnapshot agent) => agent.Condition(ConditionTypes.Ready) is { } ready
        ? $"{ready.Reason}: {ready.Message}"
        : "no Ready condition yet";

    private static string Describe(AgentSnapshot? snapshot) => snapshot is null
        ? "no agent running"
        : $"target {snapshot.Target?.Digest ?? "none"}, applied {snapshot.AppliedDigest ?? "none"}, link {snapshot.Link}, "
          + string.Join("; ", snapshot.Conditions.Select(c => c.ToString()));

    private static string Cut(string text) => text.Length <= MaxReasonChars ? text : text[..(MaxReasonChars - 1)] + "…";
}
