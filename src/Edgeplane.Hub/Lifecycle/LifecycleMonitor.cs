using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Hub.Targets;
using Edgeplane.Protocol.Identity;
using Edgeplane.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Lifecycle;

/// <summary>
/// Keeps every cluster's lifecycle phase (<see cref="LifecycleRule"/>) and revokes the identity of clusters an applied
/// revision removed. Level-triggered: each pass reads the facts from the store and writes what differs, so a restart
/// or a second replica changes nothing twice (writes are guarded by the phase judged from). Passes run when clusters
/// are marked (status reports, target changes) and as a full sweep every <see cref="SweepInterval"/> and at start.
/// </summary>
internal sealed partial class LifecycleMonitor(
    ILifecycleStore store, IAuditStore audit, ClusterRevocationService revocation, LifecycleSignals signals, IClusterTargetFeed feed,
    HubReadiness readiness, TimeProvider time, ILogger<LifecycleMonitor> logger) : BackgroundService
{
    /// <summary>A full sweep at least this often (what no signal announces: an enrolment, a missed mark).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private static readonly Backoff RetryBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>Raised after each pass with the changes it wrote (tests wait for it).</summary>
    public event Action<IReadOnlyList<LifecycleChange>>? Passed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        using var subscription = feed.Subscribe();
        var relay = RelayTargetsAsync(subscription, stoppingToken);
        signals.MarkAll();
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var names = await signals.TakeAsync(SweepInterval, time, stoppingToken).ConfigureAwait(false);
                try
                {
                    var written = await PassAsync(names, stoppingToken).ConfigureAwait(false);
                    Passed?.Invoke(written); // not Passed?.Invoke(await …): with no listener, ?. would skip the pass itself
                    failures = 0;
                }
                catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    var wait = RetryBackoff.Delay(++failures, Random.Shared);
                    LogPassFailed(logger, error, wait);
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                    signals.MarkAll();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        await relay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>One pass over <paramref name="names"/> (null: every cluster); returns the changes written.</summary>
    internal async Task<IReadOnlyList<LifecycleChange>> PassAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken)
    {
        var facts = await store.ListFactsAsync(names, cancellationToken).ConfigureAwait(false);
        var clock = time.GetUtcNow().UtcDateTime;
        // Milliseconds: the stores keep times to the microsecond (PostgreSQL) or beyond (SQLite); the transitions JSON must agree with Since.
        var now = clock.AddTicks(-(clock.Ticks % TimeSpan.TicksPerMillisecond));
        var changes = facts.Select(f => LifecycleRule.Next(f, now)).OfType<LifecycleChange>().ToList();
        var written = await store.WriteAsync(changes, now, cancellationToken).ConfigureAwait(false);
        foreach (var change in written.Where(c => c.PhaseChanged))
        {
            LogPhase(logger, change.Cluster, change.OldPhase ?? "-", change.Phase, change.Reason);
        }
        await RevokeRemovedAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>A cluster an applied revision removed loses its identity: its certificates, tokens and streams (audited).</summary>
    private async Task RevokeRemovedAsync(CancellationToken cancellationToken)
    {
        foreach (var removed in await store.ListUnrevokedRemovedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!ClusterId.TryParse(removed.Name, out var id, out _))
            {
                continue;
            }
            var reason = $"removed from the fleet by revision {removed.RemovedBy ?? "(unknown)"}";
            var revoked = await revocation.RevokeAsync(id, reason, cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(AuditActor.Hub, "cluster.revoke", removed.Name, "Succeeded",
                $"{reason}; {revoked.CertificatesRevoked} certificate(s), {revoked.TokensInvalidated} token(s), {revoked.ConnectionsDropped} stream(s) dropped here",
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks every cluster whose target changes (new, changed, removed); a subscription that overflowed asks for a sweep.</summary>
    private async Task RelayTargetsAsync(ClusterTargetSubscription subscription, CancellationToken cancellationToken)
    {
        var batch = new List<string>();
        while (await subscription.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 10_000 && subscription.Reader.TryRead(out var change))
            {
                batch.Add(change.Cluster);
            }
            if (subscription.TakeOverflow())
            {
                signals.MarkAll();
            }
            signals.Mark(batch);
        }
    }

    [LoggerMessage(EventId = 2461, Level = LogLevel.Information, Message = "Cluster {Cluster}: {From} → {To} ({Reason})")]
    private static partial void LogPhase(ILogger logger, string cluster, string from, string to, string reason);

    [LoggerMessage(EventId = 2462, Level = LogLevel.Error, Message = "A lifecycle pass failed; sweeping again in {Backoff}")]
    private static partial void LogPassFailed(ILogger logger, Exception error, TimeSpan backoff);
}
