using Edgeplane.Agent.Link;
using Edgeplane.Agent.State;
using Edgeplane.Agent.Status;
using Edgeplane.Kubernetes;
using Edgeplane.Protocol.Bundles;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Reconcile;

/// <summary>
/// The agent's reconcile loop, level-triggered over a <see cref="ReconcileQueue"/>. Each pass reads the current state —
/// the hub's target, the bundle applied last, what was observed — and does what is missing, in named steps: load the
/// target → obtain (cache or hub) and verify the bundle → parse it → apply it → poll health → report. Between bundle
/// changes it checks drift every <see cref="AgentOptions.DriftInterval"/>. A step fails with a
/// <see cref="ReconcileFailure"/> carrying its condition reason; failures are handled in one place and retried with
/// jittered back-off; status is published after every pass. It never deletes anything because the hub stopped naming
/// it: an empty target keeps what is applied.
/// </summary>
internal sealed partial class BundleReconciler : IDisposable
{
    private readonly ReconcilerDependencies _deps;
    private readonly AgentOptions _options;
    private readonly ReconcileQueue _queue;
    private readonly ConditionSet _conditions;
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private AgentCheckpoint _checkpoint;
    private LoadedBundle? _applied;
    private ClusterObservation _observation = ClusterObservation.Empty;
    private ReconcileFailure? _failure;
    private TimeSpan _retryDelay;
    private DateTimeOffset? _healthSince;
    private (string Reason, string Message)? _frozen;
    private BundleDigest? _stalledDigest;
    private DateTimeOffset? _retryAt;

    public BundleReconciler(ReconcilerDependencies deps, AgentCheckpoint checkpoint)
    {
        _deps = deps;
        _options = deps.Options;
        _logger = deps.Logger;
        _checkpoint = checkpoint;
        _queue = new ReconcileQueue(deps.Time);
        _conditions = new ConditionSet(deps.Time);
        _retryDelay = _options.RetryInitialDelay;
        if (checkpoint.RevokedAt is not null)
        {
            _frozen = (AgentReasons.ClusterRevoked, checkpoint.RevokedMessage ?? "the hub revoked this cluster");
        }
    }

    /// <summary>Raised after every pass with the status as it is now.</summary>
    public event Action<ReconcileSnapshot>? Updated;

    /// <summary>The newest target the reconciler knows.</summary>
    public HubTarget? Target
    {
        get
        {
            lock (_lock)
            {
                return _checkpoint.Target;
            }
        }
    }

    /// <summary>Runs passes until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        LoadAppliedFromCache();
        _queue.Add(ReconcileTrigger.Startup);
        while (true)
        {
            var triggers = await _queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            if (_frozen is null)
            {
                await PassAsync(triggers, cancellationToken).ConfigureAwait(false);
            }
            Publish();
        }
    }

    /// <summary>
    /// A target from the hub. Ignored when its generation is older than one seen before (replays and reordering never roll
    /// the cluster back); otherwise remembered on disk and reconciled.
    /// </summary>
    public bool OnTarget(HubTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock)
        {
            if (_checkpoint.Target is { } known && target.Generation < known.Generation)
            {
                LogStaleTarget(_logger, target.Generation, known.Generation);
                return false;
            }
            if (_checkpoint.Target == target)
            {
                return true;
            }
            _checkpoint = _checkpoint with { Target = target };
            _deps.Checkpoints.Save(_checkpoint);
        }
        LogTarget(_logger, target.Digest.Length == 0 ? "(none)" : target.Digest, target.Revision, target.Generation);
        _queue.Add(ReconcileTrigger.Target);
        return true;
    }

    /// <summary>
    /// Stops reconciling for good (revocation, a protocol the hub does not speak): the workloads are left exactly as they
    /// are — nothing is applied, corrected or deleted — and <c>Stalled</c> says why. Revocation is remembered on disk.
    /// </summary>
    public void Freeze(string reason, string message)
    {
        _frozen = (reason, message);
        if (reason == AgentReasons.ClusterRevoked)
        {
            lock (_lock)
            {
                _checkpoint = _checkpoint with { RevokedAt = _deps.Time.GetUtcNow(), RevokedMessage = message };
                _deps.Checkpoints.Save(_checkpoint);
            }
        }
        LogFrozen(_logger, reason, message);
        _queue.Cancel(ReconcileTrigger.Drift);
        _queue.Cancel(ReconcileTrigger.Health);
        _queue.Cancel(ReconcileTrigger.Retry);
        _queue.Add(ReconcileTrigger.Target);
    }

    /// <summary>What Hello tells the hub: the digest applied last and the newest target generation seen.</summary>
    public (string AppliedDigest, ulong TargetGeneration) HelloFacts()
    {
        lock (_lock)
        {
            return (_checkpoint.AppliedDigest ?? "", _checkpoint.Target?.Generation ?? 0);
        }
    }

    /// <summary>Makes the next pass run now (e.g. a drift check on demand).</summary>
    public void Trigger() => _queue.Add(ReconcileTrigger.Drift);

    public void Dispose() => _queue.Dispose();

    private async Task PassAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        BundleDigest? desired = null;
        try
        {
            await RefreshKubernetesVersionAsync(triggers, cancellationToken).ConfigureAwait(false);
            desired = LoadTarget();
            if (desired is null)
            {
                Succeeded();
                return;
            }
            if (_applied?.Digest == desired)
            {
                await KeepAppliedAsync(triggers, cancellationToken).ConfigureAwait(false);
            }
            else if (_failure is { Stalled: true } && _stalledDigest == desired)
            {
                // Only a new target can fix it; meanwhile keep the applied bundle as it is (below).
                await KeepEarlierBundleAsync(triggers, cancellationToken).ConfigureAwait(false);
                return;
            }
            else
            {
                await ConvergeAsync(desired.Value, cancellationToken).ConfigureAwait(false);
            }
            Succeeded();
        }
        catch (ReconcileFailure failure)
        {
            await HandleFailureAsync(failure, desired, triggers, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Step 1: the digest the cluster should run: the hub's target, or (with none) what is already applied.</summary>
    private BundleDigest? LoadTarget()
    {
        var target = Target;
        if (target is { IsEmpty: false })
        {
            if (!BundleDigest.TryParse(target.Digest, out var digest, out var error))
            {
                throw new ReconcileFailure(AgentReasons.BundleInvalid, $"the hub's target is not a bundle digest: {error}", stalled: true);
            }
            return digest;
        }
        return _applied?.Digest;
    }
}
