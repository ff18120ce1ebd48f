using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Gateway.Availability;

/// <summary>
/// Every <see cref="GatewayOptions.EvaluateInterval"/>: evaluates every link, then writes claims, availability changes
/// and (every heartbeat interval) last-seen times in one transaction. Every heartbeat interval it renews this hub
/// process's lease first, which also marks Unknown the links of replicas whose lease expired; every
/// <see cref="GatewayOptions.OfflineAfter"/> it marks Offline the clusters that no gateway replica has heard from. On a
/// clean stop it releases the lease: the links it served become Unknown at once (docs/gateway.md, "Availability").
/// </summary>
internal sealed partial class AvailabilityMonitor(
    AvailabilityTracker tracker,
    IAgentStateStore store,
    IInstanceLeaseStore leases,
    HubInstance instance,
    HubReadiness readiness,
    GatewayOptions options,
    TimeProvider time,
    ILogger<AvailabilityMonitor> logger,
    Events.FleetEvents? events = null) : BackgroundService
{
    private DateTimeOffset _lastSeenFlush;
    private DateTimeOffset _lastRenewal;
    private DateTimeOffset _lastSweep;
    private bool _loaded;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        var start = time.GetUtcNow();
        // The hub startup registered this instance and marked Unknown what its predecessors served (HubStartup).
        tracker.Load(await store.ListAvailabilityAsync(instance.Id, stoppingToken).ConfigureAwait(false), start);
        _loaded = true;
        (_lastSeenFlush, _lastRenewal, _lastSweep) = (start, start, start);
        using var timer = new PeriodicTimer(options.EvaluateInterval, time);
        tracker.MarkStarted();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await TickAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFlushFailed(logger, error);
            }
            tracker.OnTicked();
        }
    }

    /// <summary>A clean stop: after the last tick, the links this process served become Unknown and its lease goes.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!_loaded)
        {
            return;
        }
        try
        {
            var released = await leases.ReleaseAsync(instance, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            LogReleased(logger, released);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogReleaseFailed(logger, error, options.InstanceLeaseTimeout);
        }
    }

    private async Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The lease first: a flush must not write states this process no longer vouches for without saying so again.
        if (now - _lastRenewal >= options.HeartbeatInterval)
        {
            await RenewAsync(now, cancellationToken).ConfigureAwait(false);
            _lastRenewal = now;
        }
        var flushSeen = now - _lastSeenFlush >= options.HeartbeatInterval;
        await FlushAsync(now, flushSeen ? _lastSeenFlush : now, cancellationToken).ConfigureAwait(false);
        _lastSeenFlush = flushSeen ? now : _lastSeenFlush;
        // Wait one whole grace period after start, so agents of this hub can reconnect before anyone is swept.
        if (now - _lastSweep >= options.OfflineAfter)
        {
            _lastSweep = now;
            var swept = await store.MarkUnseenOfflineAsync((now - options.OfflineAfter - options.LinkTimeout).UtcDateTime,
                now.UtcDateTime, cancellationToken).ConfigureAwait(false);
            if (swept > 0)
            {
                LogSwept(logger, swept);
                events?.Reset(); // one bulk statement, names unknown: live views re-read
            }
        }
    }

    private async Task RenewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var renewal = await leases.RenewAsync(instance, now.UtcDateTime, cancellationToken).ConfigureAwait(false);
        if (renewal.Lost)
        {
            LogLeaseLost(logger, options.InstanceLeaseTimeout);
            tracker.Reassert();
        }
        if (renewal.OwnerGone > 0)
        {
            LogOwnerGone(logger, renewal.OwnerGone, options.InstanceLeaseTimeout);
        }
    }

    /// <summary>One evaluation and write; <paramref name="seenSince"/> = now means "no last-seen flush this time".</summary>
    internal async Task FlushAsync(DateTimeOffset now, DateTimeOffset seenSince, CancellationToken cancellationToken)
    {
        var (claims, changes) = tracker.Collect(now);
        var seen = seenSince < now ? tracker.SeenSince(seenSince) : [];
        var batch = new AgentStateBatch(claims, changes, seen, now.UtcDateTime, instance.Id);
        if (batch.IsEmpty)
        {
            return;
        }
        IReadOnlyList<string> refused;
        try
        {
            refused = await store.WriteAgentStateAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tracker.Requeue(claims); // changes are found again: they are not marked stored
            throw;
        }
        tracker.MarkStored(changes, refused);
        events?.ClustersChanged(changes.Select(c => c.Cluster).Except(refused, StringComparer.Ordinal).ToList());
        foreach (var change in changes.Where(c => c.Availability != nameof(AvailabilityState.Online)))
        {
            LogChanged(logger, change.Cluster, change.Availability, change.Reason);
        }
    }
}
