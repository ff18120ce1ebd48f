using System.Collections.Concurrent;
using Edgeplane.Agent;
using Edgeplane.Cli.Up.Kubelet;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Up;

public sealed partial class UpStack
{
    /// <summary>How often <c>up</c> looks for virtual clusters added or removed at runtime (<c>POST /_sim/clusters</c>, the Cluster API simulation).</summary>
    public static readonly TimeSpan VirtualClusterScanInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, RunningKubelet> _kubelets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AgentPod> _pods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _podOwners = new(StringComparer.Ordinal);
    private readonly Lock _kubeconfigLock = new();
    private CancellationTokenSource? _scanning;
    private Task _scan = Task.CompletedTask;

    private sealed record RunningKubelet(CancellationTokenSource Stop, Task Run);

    /// <summary>
    /// The cluster ids whose agent runs from an <c>edgeplane-agent</c> Deployment (a ClusterResourceSet or
    /// <c>edgeplane clusters join</c> put it into their virtual cluster), by virtual cluster.
    /// </summary>
    public IReadOnlyDictionary<string, string> PodAgents => _pods.ToDictionary(p => p.Key, p => p.Value.Cluster, StringComparer.Ordinal);

    /// <summary>Starts watching every virtual cluster (and those added later) for the agent Deployment.</summary>
    private void StartKubelets()
    {
        _scanning = new CancellationTokenSource();
        _scan = ScanAsync(_scanning.Token);
    }

    private async Task StopKubeletsAsync()
    {
        if (_scanning is null)
        {
            return;
        }
        await _scanning.CancelAsync().ConfigureAwait(false);
        await _scan.ConfigureAwait(false);
        foreach (var name in _kubelets.Keys.ToList())
        {
            await StopKubeletAsync(name).ConfigureAwait(false);
        }
        _scanning.Dispose();
        _scanning = null;
    }

    private async Task ScanAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SyncKubeletsAsync(stop).ConfigureAwait(false);
                await Task.Delay(VirtualClusterScanInterval, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                LogScanFailed(_logger, e.Message);
            }
        }
    }

    /// <summary>A kubelet for every virtual cluster, none for those removed (their agent stops).</summary>
    private async Task SyncKubeletsAsync(CancellationToken stop)
    {
        var clusters = KubeSim.Clusters;
        var added = clusters.Keys.Where(n => !_kubelets.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            WriteKubeconfig(); // the new clusters' contexts, before an agent is pointed at them
        }
        foreach (var name in added)
        {
            var kubelet = new AgentPodKubelet(name, clusters[name].CreateClient(), new PodRuntime(this), _time, _loggers.CreateLogger<AgentPodKubelet>());
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
            _kubelets[name] = new RunningKubelet(cancel, Task.Run(() => kubelet.RunAsync(cancel.Token), CancellationToken.None));
        }
        foreach (var gone in _kubelets.Keys.Where(n => !clusters.ContainsKey(n)).ToList())
        {
            await StopKubeletAsync(gone).ConfigureAwait(false);
        }
    }

    private async Task StopKubeletAsync(string virtualCluster)
    {
        if (_kubelets.TryRemove(virtualCluster, out var kubelet))
        {
            await kubelet.Stop.CancelAsync().ConfigureAwait(false);
            await kubelet.Run.ConfigureAwait(false);
            kubelet.Stop.Dispose();
            await StopPodAsync(virtualCluster).ConfigureAwait(false);
        }
    }

    /// <summary>Rewrites <c>{data}/kubeconfig</c> with every virtual cluster, atomically (an agent may be reading it).</summary>
    private void WriteKubeconfig()
    {
        lock (_kubeconfigLock)
        {
            var names = KubeSim.Clusters.Keys.Order(StringComparer.Ordinal).ToList();
            var staging = Layout.Kubeconfig + ".tmp";
            KubeSim.WriteKubeconfig(staging, names.FirstOrDefault(), names);
            File.Move(staging, Layout.Kubeconfig, overwrite: true);
        }
    }

    private async Task StartPodAsync(AgentPod pod, CancellationToken cancellationToken)
    {
        await _clusterSync.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_podOwners.TryGetValue(pod.Cluster, out var other) && other != pod.VirtualCluster)
            {
                throw new KubeletException($"the agent of {pod.Cluster} runs already, from the Deployment in virtual cluster {other}");
            }
            _podOwners[pod.Cluster] = pod.VirtualCluster;
            _started.Add(pod.Cluster);
            if (_agents.ContainsKey(pod.Cluster))
            {
                LogTakenOver(_logger, pod.Cluster, pod.VirtualCluster);
                await StopAgentAsync(pod.Cluster).ConfigureAwait(false); // the Deployment wins over up's own agent
            }
        }
        finally
        {
            _clusterSync.Release();
        }
        try
        {
            var agent = await AgentHost.StartAsync(PodOptions(pod), _loggers, cancellationToken: cancellationToken).ConfigureAwait(false);
            agent.Changed += OnAgentChanged;
            _agents[pod.Cluster] = agent;
            _pods[pod.VirtualCluster] = pod;
        }
        catch
        {
            _podOwners.TryRemove(pod.Cluster, out _);
            throw;
        }
        RaiseChanged();
    }

    /// <summary>The pod's agent: its hub, token and cluster as the Deployment says, its virtual cluster through up's kubeconfig.</summary>
    private AgentOptions PodOptions(AgentPod pod)
    {
        // A new pod template is a new pod, and a new pod's emptyDir is empty: the agent enrols again with the new token.
        var template = Layout.PodTemplate(pod.VirtualCluster);
        var state = Layout.PodState(pod.VirtualCluster);
        if (!File.Exists(template) || File.ReadAllText(template).Trim() != pod.TemplateHash)
        {
            if (Directory.Exists(state))
            {
                Directory.Delete(state, recursive: true);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(template)!);
            File.WriteAllText(template, pod.TemplateHash);
        }
        var options = new AgentOptions
        {
            Hub = pod.Hub,
            Token = pod.Token,
            StateDirectory = state,
            KubeconfigPath = Layout.Kubeconfig,
            KubeContext = pod.VirtualCluster,
            ExpectedCluster = pod.Cluster,
            DriftInterval = DriftInterval,
            Gate = _gate,
        };
        return _settings.ConfigureAgent?.Invoke(options) ?? options;
    }

    private async Task StopPodAsync(string virtualCluster)
    {
        if (_pods.TryRemove(virtualCluster, out var pod))
        {
            _podOwners.TryRemove(pod.Cluster, out _);
            await StopAgentAsync(pod.Cluster).ConfigureAwait(false);
        }
    }

    /// <summary>What the kubelets of <c>up</c> run their pods on: this stack's agents.</summary>
    private sealed class PodRuntime(UpStack stack) : IAgentPodRuntime
    {
        public AgentPod? Running(string virtualCluster) =>
            stack._pods.TryGetValue(virtualCluster, out var pod) && stack._agents.ContainsKey(pod.Cluster) ? pod : null;

        public Task StartAsync(AgentPod pod, CancellationToken cancellationToken) => stack.StartPodAsync(pod, cancellationToken);

        public Task StopAsync(string virtualCluster) => stack.StopPodAsync(virtualCluster);
    }

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Looking for new virtual clusters failed: {Error}")]
    private static partial void LogScanFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information,
        Message = "An agent Deployment in virtual cluster {VirtualCluster} takes over cluster {Cluster}: up's own agent of it stops")]
    private static partial void LogTakenOver(ILogger logger, string cluster, string virtualCluster);
}
