using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Status;
using Edgeplane.Resilience;

namespace Edgeplane.Agent.Link;

/// <summary>
/// The agent's side of the session with the hub (docs/protocol.md, "Session"). It always dials out: Hello, then the
/// hub's Welcome with the current target, heartbeats at the interval the hub asks for, every unacknowledged status report
/// (from the outbox, so nothing is lost across reconnects or restarts), targets and acks as they come. A lost session is
/// redialled after the shared <see cref="Backoff"/> (exponential, full jitter); Goodbye reasons are respected (REVOKED stops the link for good,
/// SHUTTING_DOWN and OVERLOADED wait for the hub's hint, CERTIFICATE_EXPIRED redials with the renewed certificate).
/// Targets go one way, into the <see cref="Targets.TargetInbox"/> the reconciler reads; the link knows nothing of the
/// reconciler.
/// </summary>
internal sealed partial class HubLink : IDisposable
{
    private readonly HubLinkDependencies _deps;
    private readonly HubLinkOptions _options;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _session;
    private HubLinkStatus _status;
    private readonly Backoff _backoff;
    private int _failures;

    public HubLink(HubLinkDependencies deps)
    {
        _deps = deps;
        _options = deps.Options;
        _backoff = new Backoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay);
        _status = new HubLinkStatus(HubLinkState.Connecting, $"dialling {_options.Hub}", deps.Time.GetUtcNow());
        deps.Identity.ConditionChanged += OnIdentityCondition;
    }

    /// <summary>Raised when the link's state or message changes.</summary>
    public event Action<HubLinkStatus>? StatusChanged;

    /// <summary>Raised once when the hub revoked the cluster (Goodbye REVOKED or a refused call).</summary>
    public event Action<string>? Revoked;

    public HubLinkStatus Status => Volatile.Read(ref _status);

    /// <summary>Holds sessions with the hub until cancelled or stopped.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (IdentityStall() is { } stall)
            {
                Stop(stall.Reason, stall.Message);
                return;
            }
            SetStatus(HubLinkState.Connecting, $"dialling {_options.Hub}");
            var end = await RunSessionAsync(cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (IdentityStall() is { } stalled)
            {
                Stop(stalled.Reason, stalled.Message);
                return;
            }
            if (end.Kind == SessionEndKind.Revoked)
            {
                var message = $"{end.Message}; {NewTokenHint(_deps.Identity.Current.Cluster.Value)}";
                Stop(AgentReasons.ClusterRevoked, message);
                Revoked?.Invoke(message);
                return;
            }
            var wait = NextWait(end);
            // The timer starts before Disconnected is announced, so whoever reacts to it finds the next dial scheduled.
            var next = Task.Delay(wait, _deps.Time, cancellationToken);
            SetStatus(HubLinkState.Disconnected, end.Message, _deps.Time.GetUtcNow() + wait);
            LogSessionEnded(_deps.Logger, end.Kind.ToString(), end.Message, wait);
            try
            {
                await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>What an operator must do after a revocation: only a new bootstrap token lets the cluster join again.</summary>
    public static string NewTokenHint(string cluster) =>
        $"the agent stopped talking to the hub and left the workloads as they are; it needs a new bootstrap token to join again " +
        $"(edgeplane token create --cluster {cluster}, then edgeplane agent --token <token>)";

    public void Dispose() => _deps.Identity.ConditionChanged -= OnIdentityCondition;

    /// <summary>
    /// The wait before the next dial: the back-off (its ceiling doubling per failed session, reset by a Welcome), or the
    /// hub's hint plus up to <see cref="HubLinkOptions.JitterFraction"/> of it.
    /// </summary>
    private TimeSpan NextWait(SessionEnd end)
    {
        if (end.Welcomed)
        {
            _failures = 0;
        }
        switch (end.Kind)
        {
            case SessionEndKind.RetryAfter when end.RetryAfter is { } hint:
                return hint + (hint * _options.JitterFraction * _deps.Random.NextDouble());
            case SessionEndKind.Reconnect:
                return _backoff.Delay(1, _deps.Random);
            case SessionEndKind.Unsupported:
                return _backoff.Delay(int.MaxValue, _deps.Random);
            default:
                _failures = Math.Min(_failures + 1, 64);
                return _backoff.Delay(_failures, _deps.Random);
        }
    }

    /// <summary>An identity that stalled (expired, refused, revoked at renewal) cannot hold a session: end the current one.</summary>
    private void OnIdentityCondition(object? sender, IdentityCondition condition)
    {
        if (condition.Health == IdentityHealth.Stalled)
        {
            lock (_lock)
            {
                _session?.Cancel();
            }
        }
    }

    private (string Reason, string Message)? IdentityStall()
    {
        var condition = _deps.Identity.Condition;
        return condition.Health == IdentityHealth.Stalled ? (condition.Reason, condition.Message) : null;
    }

    private void Stop(string reason, string message)
    {
        SetStatus(HubLinkState.Stopped, $"{reason}: {message}");
        LogStopped(_deps.Logger, reason, message);
    }

    private void SetStatus(HubLinkState state, string message, DateTimeOffset? next = null)
    {
        var old = Status;
        var since = old.State == state ? old.Since : _deps.Time.GetUtcNow();
        var status = new HubLinkStatus(state, message, since, next);
        if (status == old)
        {
            return;
        }
        Volatile.Write(ref _status, status);
        StatusChanged?.Invoke(status);
    }
}
