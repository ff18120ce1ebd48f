using Edgeplane.Agent.Bundles;
using Edgeplane.Agent.State;
using Edgeplane.Agent.Status;
using Edgeplane.Agent.Targets;
using Edgeplane.Kubernetes;
using Edgeplane.Protocol.Bundles;
using Edgeplane.Resilience;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Reconcile;

/// <summary>
/// The agent's reconcile loop, level-triggered over a <see cref="ReconcileQueue"/>. Targets arrive through the
/// <see cref="TargetInbox"/> (the hub link posts them; the two never call each other). Each pass reads the current state —
/// the hub's target, the bundle applied last, what was observed — and does what is missing, in named steps: load the
/// target → obtain (cache or hub) and verify the bundle → parse it → apply it → poll health → report. Between bundle
/// changes it checks drift every <see cref="ReconcilerOptions.DriftInterval"/>. A step fails with a
/// <see cref="ReconcileFailure"/> carrying its condition reason; failures are handled in one place and retried after
/// the shared <see cref="Backoff"/> (exponential, full jitter); status is published after every pass
/// (<see cref="Updated"/>, a <see cref="ReconcileSnapshot"/> for the status side). It never deletes anything because the hub stopped naming it: an empty target keeps what is applied.
/// </summary>
internal sealed partial class BundleReconciler : IDisposable
{
    private readonly ReconcilerDependencies _deps;
    private readonly ReconcilerOptions _options;
    private readonly ReconcileQueue _queue;
    private readonly ConditionSet _conditions;
    private readonly ILogger _logger;
    private LoadedBundle? _applied;
    private ClusterObservation _observation = ClusterObservation.Empty;
    private ReconcileFailure? _failure;
    private readonly Backoff _backoff;
    private int _failures;
    private DateTimeOffset? _healthSince;
    private (string Reason, string Message)? _frozen;
    private BundleDigest? _stalledDigest;
    private DateTimeOffset? _retryAt;

    public BundleReconciler(ReconcilerDependencies deps)
    {
        _deps = deps;
        _options = deps.Options;
        _logger = deps.Logger;
        _queue = new ReconcileQueue(deps.Time);
        _conditions = new ConditionSet(deps.Time);
        _backoff = new Backoff(_options.RetryInitialDelay, _options.RetryMaxDelay);
        if (deps.Checkpoint.Current is { RevokedAt: not null } revoked)
        {
            _frozen = (AgentReasons.ClusterRevoked, revoked.RevokedMessage ?? "the hub revoked this cluster");
        }
    }

    /// <summary>Raised after every pass with the status as it is now.</summary>
    public event Action<ReconcileSnapshot>? Updated;

    /// <summary>The newest target the reconciler knows.</summary>
    public HubTarget? Target => _deps.Checkpoint.Current.Target;

    /// <summary>Takes targets from the inbox and runs passes, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        LoadAppliedFromCache();
        _queue.Add(ReconcileTrigger.Startup);
        var receiving = ReceiveTargetsAsync(cancellationToken);
        try
        {
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
        finally
        {
            await receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
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
            _deps.Checkpoint.Update(c => c with { RevokedAt = _deps.Time.GetUtcNow(), RevokedMessage = message });
        }
        LogFrozen(_logger, reason, message);
        _queue.Cancel(ReconcileTrigger.Drift);
        _queue.Cancel(ReconcileTrigger.Health);
        _queue.Cancel(ReconcileTrigger.Retry);
        _queue.Add(ReconcileTrigger.Target);
    }

    /// <summary>Makes the next pass run now (e.g. a drift check on demand).</summary>
    public void Trigger() => _queue.Add(ReconcileTrigger.Drift);

    public void Dispose() => _queue.Dispose();

    /// <summary>
    /// One pass, then <c>/version</c> and, on a management cluster, its Cluster API clusters (after the apply and the
    /// health poll, so an upgrade or a provisioning step that finished during the pass is in the status it publishes).
    /// </summary>
    private async Task PassAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        await ReconcileAsync(triggers, cancellationToken).ConfigureAwait(false);
        await RefreshKubernetesVersionAsync(triggers, cancellationToken).ConfigureAwait(false);
        await RefreshProvisionedClustersAsync(triggers, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReconcileAsync(ReconcileTrigger triggers, CancellationToken cancellationToken)
    {
        BundleDigest? desired = null;
        try
        {
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
