using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Link;
using Edgeplane.Agent.Reconcile;
using Edgeplane.Agent.State;
using Edgeplane.Agent.Status;
using Edgeplane.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent;

/// <summary>
/// One running agent: its identity (enrolled on first start, renewed at half-life), the hub link, the reconcile loop and
/// the status outbox, all under one state folder (layout in docs/agent.md). <c>edgeplane agent</c>, <c>edgeplane up</c>
/// and the tests all run agents through this class. Start with <see cref="StartAsync"/>, stop with
/// <see cref="DisposeAsync"/>.
/// </summary>
public sealed partial class AgentHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly AgentParts _parts;
    private readonly ILogger _logger;
    private ReconcileSnapshot? _reconciled;
    private Task _running = Task.CompletedTask;
    private int _disposed;

    private AgentHost(AgentParts parts, ILogger logger)
    {
        _parts = parts;
        _logger = logger;
        parts.Reconciler.Updated += OnReconciled;
        parts.Link.StatusChanged += _ => Changed?.Invoke(this, Snapshot);
        parts.Outbox.Acknowledged += () => Changed?.Invoke(this, Snapshot);
        parts.Link.Revoked += message => parts.Reconciler.Freeze(AgentReasons.ClusterRevoked, message);
        parts.Identity.ConditionChanged += OnIdentityCondition;
    }

    /// <summary>Raised whenever the snapshot may have changed (after each reconcile pass, on link changes, on status acks).</summary>
    public event EventHandler<AgentSnapshot>? Changed;

    /// <summary>The cluster this agent manages (its certificate's CN).</summary>
    public string Cluster => _parts.Identity.Current.Cluster.Value;

    /// <summary>The state folder.</summary>
    public string StateDirectory => _parts.Options.StateDirectory;

    /// <summary>Completes when the agent stopped; faulted if a loop failed unexpectedly.</summary>
    public Task Completion => _running;

    /// <summary>The agent now.</summary>
    public AgentSnapshot Snapshot => BuildSnapshot();

    /// <summary>
    /// Loads the identity from the state folder — or enrols with <see cref="AgentOptions.Token"/> when there is none (or the
    /// cluster was revoked and a new token is given), retrying while the hub is unreachable — then starts renewal, the hub
    /// link and the reconcile loop. Throws <see cref="InvalidOperationException"/> for unusable state or kubeconfig,
    /// <see cref="EnrollmentException"/> or <see cref="HubTrustException"/> when enrolment is refused.
    /// </summary>
    public static async Task<AgentHost> StartAsync(AgentOptions options, ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null, Random? random = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parts = await AgentParts.CreateAsync(options, loggerFactory, time ?? TimeProvider.System, random ?? Random.Shared,
            cancellationToken).ConfigureAwait(false);
        var host = new AgentHost(parts, parts.LoggerFactory.CreateLogger<AgentHost>());
        host.Start();
        return host;
    }

    /// <summary>Runs a drift check (and health read) now instead of waiting for the drift interval.</summary>
    public void RequestReconcile() => _parts.Reconciler.Trigger();

    /// <summary>Stops every loop and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped as asked
        }
        _parts.Identity.ConditionChanged -= OnIdentityCondition;
        _parts.Dispose();
        _stop.Dispose();
    }

    private void Start()
    {
        var token = _stop.Token;
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["Cluster"] = Cluster });
        var tasks = new List<Task> { Loop(() => _parts.Reconciler.RunAsync(token), "reconcile") };
        if (_parts.Checkpoints.Load().RevokedAt is null)
        {
            tasks.Add(Loop(() => _parts.Link.RunAsync(token), "hub link"));
            tasks.Add(Loop(() => _parts.Renewer.RunAsync(token), "certificate renewal"));
        }
        else
        {
            LogRevokedAtStart(_logger, Cluster);
        }
        _running = Task.WhenAll(tasks);
    }

    private async Task Loop(Func<Task> run, string name)
    {
        try
        {
            await Task.Run(run).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // stopping
        }
        catch (Exception e)
        {
            LogLoopFailed(_logger, e, name);
            throw;
        }
    }

    private void OnReconciled(ReconcileSnapshot snapshot)
    {
        Volatile.Write(ref _reconciled, snapshot);
        _parts.Publisher.Publish(StatusReportBuilder.Build(snapshot, _parts.Options.AgentVersion, _parts.Time.GetUtcNow()));
        Changed?.Invoke(this, Snapshot);
    }

    private void OnIdentityCondition(object? sender, IdentityCondition condition)
    {
        if (condition.Health == IdentityHealth.Stalled && condition.Reason == IdentityReasons.ClusterRevoked)
        {
            _parts.Reconciler.Freeze(AgentReasons.ClusterRevoked, $"{condition.Message}; {HubLink.NewTokenHint(Cluster)}");
        }
        Changed?.Invoke(this, Snapshot);
    }
}
