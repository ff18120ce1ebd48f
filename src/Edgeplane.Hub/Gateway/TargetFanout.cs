using System.Diagnostics;
using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Gateway.Sessions;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Targets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Gateway;

/// <summary>
/// Fills the <see cref="TargetIndex"/> and fans every target change out to the connected agent of that cluster at once.
/// Subscribes before it loads, so nothing committed in between is missed; re-reads every target when the feed
/// overflowed (or the PostgreSQL LISTEN connection was lost).
/// </summary>
internal sealed partial class TargetFanout(
    TargetIndex index,
    SessionTable sessions,
    IClusterTargetFeed feed,
    IClusterStore store,
    HubReadiness readiness,
    ILogger<TargetFanout> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        using var subscription = feed.Subscribe();
        await ReloadAsync(stoppingToken).ConfigureAwait(false);
        index.MarkLoaded();
        var reader = subscription.Reader;
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            if (subscription.TakeOverflow())
            {
                LogResync(logger);
                await ReloadAsync(stoppingToken).ConfigureAwait(false);
            }
            var received = Stopwatch.GetTimestamp();
            while (reader.TryRead(out var change))
            {
                Push(change, received);
            }
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var targets = await store.ListTargetsAsync(cancellationToken).ConfigureAwait(false);
        var received = Stopwatch.GetTimestamp();
        foreach (var target in targets)
        {
            Push(target, received);
        }
        LogLoaded(logger, targets.Count);
    }

    private void Push(ClusterTargetChange change, long received)
    {
        if (index.Apply(change) is { } entry)
        {
            sessions.Find(change.Cluster)?.OfferTarget(entry, received);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Gateway target index holds {Count} cluster target(s)")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Target feed overflowed or lost its connection; re-reading every target")]
    private static partial void LogResync(ILogger logger);
}
