using Edgeplane.Hub.Targets;
using Microsoft.Extensions.Hosting;

namespace Edgeplane.Hub.Events;

/// <summary>
/// Hands target changes to <see cref="FleetEvents"/>: they are written in bulk, and on PostgreSQL they also arrive from
/// the other hub replicas (their NOTIFY), so a dashboard sees a rollout move a cluster whichever replica moved it. A
/// feed that overflowed tells every live view to re-read.
/// </summary>
internal sealed class FleetEventRelay(IClusterTargetFeed feed, FleetEvents events) : BackgroundService
{
    /// <summary>Changes handed on per batch at most.</summary>
    private const int BatchLimit = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe();
        var names = new List<string>();
        try
        {
            while (await subscription.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                names.Clear();
                while (names.Count < BatchLimit && subscription.Reader.TryRead(out var change))
                {
                    names.Add(change.Cluster);
                }
                if (subscription.TakeOverflow())
                {
                    events.Reset(remote: true);
                }
                // remote: target changes reach every replica through the target feed itself, so they are not relayed again.
                events.ClustersChanged(names.Distinct(StringComparer.Ordinal).ToList(), remote: true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
