using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Gateway.Availability;

/// <summary>
/// Every <see cref="GatewayOptions.EvaluateInterval"/>: evaluates every link, then writes claims, availability changes
/// and (every heartbeat interval) last-seen times in one transaction. Every <see cref="GatewayOptions.OfflineAfter"/>
/// it also marks Offline the clusters that no gateway replica has heard from (a replica that died cannot say so).
/// </summary>
internal sealed partial class AvailabilityMonitor(
    AvailabilityTracker tracker,
    IAgentStateStore store,
    HubReadiness readiness,
    GatewayOptions options,
    TimeProvider time,
    ILogger<AvailabilityMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        var start = time.GetUtcNow();
        tracker.Load(await store.ListAvailabilityAsync(stoppingToken).ConfigureAwait(false), start);
        var lastSeenFlush = start;
        var lastSweep = start;
        using var timer = new PeriodicTimer(options.EvaluateInterval, time);
        tracker.MarkStarted();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = time.GetUtcNow();
            try
            {
                var flushSeen = now - lastSeenFlush >= options.HeartbeatInterval;
                await FlushAsync(now, flushSeen ? lastSeenFlush : now, stoppingToken).ConfigureAwait(false);
                lastSeenFlush = flushSeen ? now : lastSeenFlush;
                // Wait one whole grace period after start, so agents of this hub can reconnect before anyone is swept.
                if (now - lastSweep >= options.OfflineAfter)
                {
                    lastSweep = now;
                    var swept = await store.MarkUnseenOfflineAsync((now - options.OfflineAfter - options.LinkTimeout).UtcDateTime,
                        now.UtcDateTime, stoppingToken).ConfigureAwait(false);
                    if (swept > 0)
                    {
                        LogSwept(logger, swept);
                    }
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFlushFailed(logger, error);
            }
            tracker.OnTicked();
        }
    }

    /// <summary>One evaluation and write; <paramref name="seenSince"/> = now means "no last-seen flush this time".</summary>
    internal async Task FlushAsync(DateTimeOffset now, DateTimeOffset seenSince, CancellationToken cancellationToken)
    {
        var (claims, changes) = tracker.Collect(now);
        var seen = seenSince < now ? tracker.SeenSince(seenSince) : [];
        var batch = new AgentStateBatch(claims, changes, seen, now.UtcDateTime);
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
        foreach (var change in changes.Where(c => c.Availability != nameof(AvailabilityState.Online)))
        {
            LogChanged(logger, change.Cluster, change.Availability, change.Reason);
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Cluster {Cluster} is {Availability} ({Reason})")]
    private static partial void LogChanged(ILogger logger, string cluster, string availability, string reason);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "{Count} cluster(s) marked Offline: no gateway replica has heard from their agents")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Writing agent connection state failed; retrying at the next tick")]
    private static partial void LogFlushFailed(ILogger logger, Exception error);
}
