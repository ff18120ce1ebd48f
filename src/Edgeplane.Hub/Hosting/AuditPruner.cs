using Edgeplane.Hub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Hosting;

/// <summary>
/// Keeps the audit log inside its bounds (<see cref="AuditOptions"/>): once at start and then every prune interval it
/// deletes, in batches, the entries past the retention or beyond the newest cap, and records how many it deleted.
/// </summary>
internal sealed partial class AuditPruner(
    HubOptions options, IAuditStore audit, HubReadiness readiness, TimeProvider time, ILogger<AuditPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Audit.PruneInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogPruneFailed(logger, error.Message);
                await Task.Delay(options.Audit.PruneInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One prune: batches until none is full; returns how many entries were deleted.</summary>
    internal async Task<long> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Audit;
        var olderThan = time.GetUtcNow().UtcDateTime - settings.Retention;
        long total = 0;
        int deleted;
        do
        {
            deleted = await audit.PruneAsync(olderThan, settings.MaxKept, settings.PruneBatch, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == settings.PruneBatch);
        if (total > 0)
        {
            LogPruned(logger, total);
            await audit.AppendAsync(StoreRows.Audit(AuditActor.Hub, "audit.prune", "audit_log", "Succeeded",
                $"{total} entries older than {olderThan:u} or beyond the newest {settings.MaxKept} deleted"), cancellationToken).ConfigureAwait(false);
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} audit entries")]
    private static partial void LogPruned(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit prune failed: {Error}")]
    private static partial void LogPruneFailed(ILogger logger, string error);
}
