using Edgeplane.Agent;
using Edgeplane.Agent.Identity;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Up;

public sealed partial class UpStack
{
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    /// <summary>How often each agent checks its cluster for drift in <c>up</c> (default 30 s).</summary>
    public static readonly TimeSpan DriftInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts the agent of <paramref name="cluster"/> on its state folder. It enrols with a new bootstrap token only
    /// when it holds no certificate or its certificate expired; otherwise it reuses its identity.
    /// </summary>
    public async Task<AgentHost> StartAgentAsync(string cluster, CancellationToken cancellationToken = default)
    {
        if (_agents.ContainsKey(cluster))
        {
            throw new InvalidOperationException($"the agent of '{cluster}' is running already");
        }
        var state = Layout.AgentState(cluster);
        var options = new AgentOptions
        {
            Hub = GatewayUrl,
            Token = await TokenIfNeededAsync(cluster, state, cancellationToken).ConfigureAwait(false),
            StateDirectory = state,
            KubeconfigPath = Layout.Kubeconfig,
            KubeContext = cluster,
            ExpectedCluster = cluster,
            DriftInterval = DriftInterval,
            Gate = _gate,
        };
        options = _settings.ConfigureAgent?.Invoke(options) ?? options;
        var agent = await AgentHost.StartAsync(options, _loggers, cancellationToken: cancellationToken).ConfigureAwait(false);
        agent.Changed += OnAgentChanged;
        _agents[cluster] = agent;
        RaiseChanged();
        return agent;
    }

    /// <summary>Stops the agent of <paramref name="cluster"/>; its state folder stays for the next start.</summary>
    public async Task StopAgentAsync(string cluster)
    {
        if (_agents.TryRemove(cluster, out var agent))
        {
            agent.Changed -= OnAgentChanged;
            await agent.DisposeAsync().ConfigureAwait(false);
            RaiseChanged();
        }
    }

    /// <summary>Every cluster the hub lists (<c>GET /api/v1/clusters</c>, every page), by name.</summary>
    public async Task<IReadOnlyList<ClusterResponse>> ListClustersAsync(CancellationToken cancellationToken = default) =>
        await Api.ListClustersAsync("", cancellationToken).ConfigureAwait(false);

    /// <summary>Clusters of the fleet made by Cluster API (their agents arrive by a ClusterResourceSet), at the last sync.</summary>
    public int ProvisionedClusters { get; private set; }

    /// <summary>
    /// Gives every cluster the hub knows that exists nowhere yet a KubeSim virtual cluster, a kubeconfig context and a
    /// running agent (new clusters appear when a commit adds them). Not so for a cluster Cluster API provisions (the Cluster
    /// API simulation makes its virtual cluster and joins it), nor for one whose virtual cluster someone else made (e.g.
    /// <c>POST /_sim/clusters</c>): whoever made it joins it, and <c>up</c>'s kubelet runs the agent Deployment that lands
    /// there. Clusters the hub no longer lists keep their agent and workloads.
    /// </summary>
    public async Task SyncClustersAsync(CancellationToken cancellationToken = default)
    {
        await _clusterSync.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var clusters = await ListClustersAsync(cancellationToken).ConfigureAwait(false);
            ProvisionedClusters = clusters.Count(c => c.Provisioning is not null);
            // only clusters never started here: an agent a caller stopped on purpose stays stopped
            var fresh = clusters.Where(c => c.Provisioning is null && !_podOwners.ContainsKey(c.Name) && _started.Add(c.Name)).ToList();
            var direct = new List<string>();
            foreach (var cluster in fresh)
            {
                if (!KubeSim.Clusters.ContainsKey(cluster.Name))
                {
                    Directory.CreateDirectory(Layout.AgentState(cluster.Name)); // marks the virtual cluster as up's own
                    AddVirtualCluster(cluster);
                    direct.Add(cluster.Name);
                }
                else if (Directory.Exists(Layout.AgentState(cluster.Name)))
                {
                    direct.Add(cluster.Name); // made by up on an earlier run
                }
                else
                {
                    LogJoinable(_logger, cluster.Name);
                }
            }
            WriteKubeconfig();
            await Task.WhenAll(direct.Select(c => StartAgentAsync(c, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            _clusterSync.Release();
        }
    }

    private async Task SyncClustersInBackgroundAsync()
    {
        try
        {
            await SyncClustersAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSyncFailed(_logger, e);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void AddVirtualCluster(ClusterResponse cluster)
    {
        try
        {
            KubeSim.AddCluster(cluster.Name, cluster.KubernetesVersion);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // a declared version KubeSim cannot report (e.g. a vendor suffix it refuses): serve its default instead
            LogVersionFallback(_logger, cluster.Name, cluster.KubernetesVersion, e.Message);
            KubeSim.AddCluster(cluster.Name);
        }
    }

    private async Task<string?> TokenIfNeededAsync(string cluster, string state, CancellationToken cancellationToken)
    {
        var files = new AgentIdentityFiles(state);
        var stored = files.Load();
        if (stored is not null && stored.NotAfter > DateTimeOffset.UtcNow)
        {
            return null;
        }
        if (stored is not null)
        {
            LogExpired(_logger, cluster, stored.NotAfter);
            File.Delete(files.AgentPath);
        }
        return await CreateTokenAsync(cluster, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private void OnAgentChanged(object? sender, AgentSnapshot snapshot) => RaiseChanged();

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Could not start agents for new clusters")]
    private static partial void LogSyncFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Cluster {Cluster} declares Kubernetes {Version}, which KubeSim cannot serve ({Error}); it reports KubeSim's default")]
    private static partial void LogVersionFallback(ILogger logger, string cluster, string? version, string error);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Information,
        Message = "Cluster {Cluster} has a virtual cluster up did not make: its agent starts when it is joined (edgeplane clusters join, or a ClusterResourceSet)")]
    private static partial void LogJoinable(ILogger logger, string cluster);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "The certificate of {Cluster}'s agent expired at {NotAfter}; enrolling again")]
    private static partial void LogExpired(ILogger logger, string cluster, DateTimeOffset notAfter);
}
