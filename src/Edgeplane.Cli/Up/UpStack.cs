using System.Collections.Concurrent;
using Edgeplane.Agent;
using Edgeplane.Cli.HubClient;
using Edgeplane.Agent.Reconcile;
using Edgeplane.KubeSim;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Up;

/// <summary>
/// Everything <c>edgeplane up</c> runs in one process: the fleet repo in the data folder, the hub on SQLite with its
/// mutual-TLS gateway, KubeSim with one virtual cluster per fleet cluster, and one <see cref="AgentHost"/> per cluster
/// enrolled with a real bootstrap token: started by <c>up</c> for the virtual clusters it made, and by its kubelet
/// (<see cref="Kubelet.AgentPodKubelet"/>) from the <c>edgeplane-agent</c> Deployment that lands in any virtual cluster. Everything it asks the hub (clusters, revisions, convergence, tokens) goes through
/// the hub's REST API with the admin token, as any client would. The end-to-end tests drive the same class (stop and start
/// the hub or one agent, commit to the repo, read convergence). Start with <see cref="StartAsync"/>, stop with <see cref="DisposeAsync"/>.
/// </summary>
public sealed partial class UpStack : IAsyncDisposable
{
    private readonly UpSettings _settings;
    private readonly ILoggerFactory _loggers;
    private readonly FileLoggerProvider _logFile;
    private readonly ILogger _logger;
    private readonly ReconcileGate _gate;
    private readonly ConcurrentDictionary<string, AgentHost> _agents = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _clusterSync = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time = TimeProvider.System;
    private KubeSimServer? _kubeSim;
    private WebApplication? _hub;
    private HubApiClient? _api;
    private CancellationTokenSource? _watching;
    private Task _watch = Task.CompletedTask;
    private TaskCompletionSource _changed = NewSignal();
    private int _apiPort;
    private int _gatewayPort;

    private UpStack(UpSettings settings, UpLayout layout, bool createdRepo)
    {
        _settings = settings;
        Layout = layout;
        CreatedRepo = createdRepo;
        _apiPort = settings.ApiPort;
        _gatewayPort = settings.GatewayPort;
        _logFile = new FileLoggerProvider(layout.Log, settings.LogLevel);
        _loggers = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(settings.LogLevel);
            b.AddProvider(_logFile);
        });
        _logger = _loggers.CreateLogger<UpStack>();
        _gate = new ReconcileGate(settings.ReconcileSlots);
    }

    /// <summary>Raised when something that convergence depends on may have changed (an agent, a poll of the hub).</summary>
    public event Action? Changed;

    /// <summary>Where everything lives.</summary>
    public UpLayout Layout { get; }

    /// <summary>True when this run made the fleet repo (first start on the data folder).</summary>
    public bool CreatedRepo { get; }

    /// <summary>The admin API token in clear text when the hub created it during this run; null on later runs.</summary>
    public string? NewAdminToken { get; private set; }

    /// <summary>The hub's REST API, e.g. <c>http://127.0.0.1:7480</c>.</summary>
    public Uri HubUrl => new($"http://127.0.0.1:{_apiPort}");

    /// <summary>The gateway agents dial, e.g. <c>https://127.0.0.1:7481</c>.</summary>
    public Uri GatewayUrl => new($"https://127.0.0.1:{_gatewayPort}");

    /// <summary>The KubeSim server holding the virtual clusters.</summary>
    public KubeSimServer KubeSim => _kubeSim ?? throw new InvalidOperationException("KubeSim is not running");

    /// <summary>True while the hub runs.</summary>
    public bool HubRunning => _hub is not null;

    /// <summary>The running agents by cluster.</summary>
    public IReadOnlyDictionary<string, AgentHost> Agents => _agents;

    /// <summary>
    /// Makes the fleet repo if the data folder has none, then starts KubeSim, the hub (waiting for the repo's head to be
    /// processed) and one agent per cluster. Throws <see cref="ArgumentException"/> for bad settings and
    /// <see cref="InvalidOperationException"/> for a busy port, an unusable data folder or a fleet that does not apply.
    /// </summary>
    public static async Task<UpStack> StartAsync(UpSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        PortCheck.EnsureFree(settings.ApiPort, "hub API", "--api-port");
        PortCheck.EnsureFree(settings.GatewayPort, "agent gateway", "--gateway-port");
        PortCheck.EnsureFree(settings.KubePort, "KubeSim", "--kube-port");
        var layout = new UpLayout(settings.DataDirectory);
        Directory.CreateDirectory(layout.Root);
        var seed = settings.FleetSource ?? FleetRepo.FindExampleFleet()
            ?? throw new InvalidOperationException("the example fleet (examples/fleet) is not next to the CLI; reinstall it or pass a fleet folder");
        // The example fleet gets the demo rollout policy (short soaks); a fleet the user passes is taken as it is.
        var created = FleetRepo.EnsureCreated(layout.Repo, seed, settings.FleetSource is null ? FleetRepo.FindUpOverlay() : null);
        var stack = new UpStack(settings, layout, created);
        try
        {
            await stack.StartKubeSimAsync(cancellationToken).ConfigureAwait(false);
            await stack.StartHubAsync(cancellationToken).ConfigureAwait(false);
            await stack.WaitForHeadAsync(cancellationToken).ConfigureAwait(false);
            await stack.SyncClustersAsync(cancellationToken).ConfigureAwait(false);
            stack.StartKubelets();
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return stack;
    }

    /// <summary>Commits everything in the fleet repo's work tree (as a user would) and returns the sha.</summary>
    public string Commit(string message) => FleetRepo.CommitAll(Layout.Repo, message);

    /// <summary>Stops the agents, the hub and KubeSim, in that order.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await StopKubeletsAsync().ConfigureAwait(false);
        await Task.WhenAll(_agents.Keys.ToList().Select(c => StopAgentAsync(c))).ConfigureAwait(false);
        await StopHubAsync().ConfigureAwait(false);
        if (_kubeSim is not null)
        {
            await _kubeSim.DisposeAsync().ConfigureAwait(false);
        }
        _gate.Dispose();
        _loggers.Dispose();
        _logFile.Dispose();
        _stopping.Dispose();
    }

    private async Task StartKubeSimAsync(CancellationToken cancellationToken)
    {
        _kubeSim = await KubeSimServer.StartAsync(new KubeSimOptions
        {
            Port = _settings.KubePort,
            DataDirectory = Layout.KubeSim,
            LoggerFactory = _loggers,
        }, cancellationToken).ConfigureAwait(false);
    }

    private void RaiseChanged()
    {
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
        Changed?.Invoke();
    }

    private Task NextChange() => Volatile.Read(ref _changed).Task;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
