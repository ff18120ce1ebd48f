using System.Threading.Channels;
using Edgeplane.Rendering.Generators;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Up.Kubelet;

/// <summary>
/// <c>up</c>'s kubelet for one virtual cluster: it watches the <c>edgeplane-system/edgeplane-agent</c> Deployment through the
/// cluster's API (list, then watch from that resourceVersion; list again after a watch ends) and keeps one agent running
/// as that Deployment says: started when it appears with replicas, restarted on a new pod template, stopped when it is
/// deleted or scaled to 0. A Deployment that cannot run yet (its Secret is missing, its agent cannot enrol) is retried
/// with back-off, 1 s doubling to 5 min, as a crash-looping pod is. Level-triggered: each pass reads the latest state.
/// </summary>
internal sealed partial class AgentPodKubelet(string virtualCluster, IKubernetes client, IAgentPodRuntime runtime, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan RelistDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private V1Deployment? _latest;
    private bool _observed;

    public string VirtualCluster => virtualCluster;

    /// <summary>Watches and reconciles until <paramref name="stop"/>; the running pod is left to the caller to stop.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(WatchAsync(stop), ReconcileLoopAsync(stop));

    private async Task WatchAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var list = await client.AppsV1.ListNamespacedDeploymentAsync(AgentInstallObjects.Namespace, fieldSelector: Selector,
                    cancellationToken: stop).ConfigureAwait(false);
                Observe(list.Items.FirstOrDefault(d => d.Metadata.Name == AgentInstallObjects.AgentName));
                await foreach (var (type, deployment) in client.AppsV1.WatchListNamespacedDeploymentAsync(AgentInstallObjects.Namespace,
                    fieldSelector: Selector, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stop).ConfigureAwait(false))
                {
                    if (deployment?.Metadata?.Name == AgentInstallObjects.AgentName)
                    {
                        Observe(type == WatchEventType.Deleted ? null : deployment);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogWatchEnded(logger, virtualCluster, error.Message);
            }
            await Delay(RelistDelay, stop).ConfigureAwait(false);
        }
    }

    private void Observe(V1Deployment? deployment)
    {
        Volatile.Write(ref _latest, deployment);
        Volatile.Write(ref _observed, true);
        _changed.Writer.TryWrite(true);
    }

    private async Task ReconcileLoopAsync(CancellationToken stop)
    {
        var failures = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (failures == 0)
                {
                    await _changed.Reader.ReadAsync(stop).ConfigureAwait(false);
                }
                else
                {
                    var wait = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RelistDelay.Ticks << Math.Min(failures - 1, 16)));
                    await Task.WhenAny(_changed.Reader.WaitToReadAsync(stop).AsTask(), Task.Delay(wait, time, stop)).ConfigureAwait(false);
                    _changed.Reader.TryRead(out _);
                }
                stop.ThrowIfCancellationRequested();
                failures = await ReconcileAsync(stop).ConfigureAwait(false) ? 0 : failures + 1;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One pass over the latest Deployment; false when it could not be brought to what it says (retried).</summary>
    private async Task<bool> ReconcileAsync(CancellationToken stop)
    {
        if (!Volatile.Read(ref _observed))
        {
            return true;
        }
        var deployment = Volatile.Read(ref _latest);
        var running = runtime.Running(virtualCluster);
        if (deployment is null || deployment.Metadata.DeletionTimestamp is not null || (deployment.Spec?.Replicas ?? 1) == 0)
        {
            if (running is not null)
            {
                LogStopping(logger, running.Cluster, virtualCluster, deployment is null ? "the Deployment is gone" : "the Deployment wants no replica");
                await runtime.StopAsync(virtualCluster).ConfigureAwait(false);
            }
            return true;
        }
        try
        {
            var pod = await AgentPodResolver.ResolveAsync(virtualCluster, deployment, client, stop).ConfigureAwait(false);
            if (running is not null && running.TemplateHash == pod.TemplateHash)
            {
                return true;
            }
            if (running is not null)
            {
                LogStopping(logger, running.Cluster, virtualCluster, "its pod template changed");
                await runtime.StopAsync(virtualCluster).ConfigureAwait(false);
            }
            LogStarting(logger, pod.Cluster, virtualCluster, pod.Hub);
            await runtime.StartAsync(pod, stop).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            LogCannotRun(logger, virtualCluster, error.Message);
            return false;
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, time, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping
        }
    }

    private static readonly string Selector = $"metadata.name={AgentInstallObjects.AgentName}";

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Starting the agent of {Cluster} from the Deployment in virtual cluster {VirtualCluster} (hub {Hub})")]
    private static partial void LogStarting(ILogger logger, string cluster, string virtualCluster, Uri hub);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Stopping the agent of {Cluster} in virtual cluster {VirtualCluster}: {Why}")]
    private static partial void LogStopping(ILogger logger, string cluster, string virtualCluster, string why);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "The agent Deployment in virtual cluster {VirtualCluster} cannot run yet: {Error}; retrying")]
    private static partial void LogCannotRun(ILogger logger, string virtualCluster, string error);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "The Deployment watch of virtual cluster {VirtualCluster} ended ({Error}); listing again")]
    private static partial void LogWatchEnded(ILogger logger, string virtualCluster, string error);
}
