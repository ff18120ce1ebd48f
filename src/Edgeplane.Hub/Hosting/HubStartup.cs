using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Hosting;

/// <summary>
/// Runs before the loops and the server: migrates the store, makes the first admin token, and registers this hub
/// instance, which marks Unknown the agent links an earlier process of this hub served (before the API answers, so it
/// never shows them Online).
/// </summary>
internal sealed partial class HubStartup(
    HubDatabase database, AdminTokenBootstrap tokens, HubReadiness readiness, HubOptions options, ILogger<HubStartup> logger,
    IInstanceLeaseStore leases, HubInstance instance, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await tokens.EnsureAsync(cancellationToken).ConfigureAwait(false);
            var sweep = await leases.StartAsync(instance, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            LogInstance(logger, instance.Id, instance.Name, sweep.Restarted, sweep.OwnerGone);
            readiness.MarkStoreReady();
            LogStarted(logger, options.Repo, options.Branch, options.DataDirectory);
        }
        catch (Exception error)
        {
            readiness.MarkStoreFailed(error);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Hub store ready; source {Repo} branch {Branch}; data {DataDirectory}")]
    private static partial void LogStarted(ILogger logger, string repo, string branch, string dataDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Hub instance {Instance} ({Name}) registered; agent links now Unknown until their agents reconnect: {Restarted} from before this start, {OwnerGone} of replicas whose lease expired")]
    private static partial void LogInstance(ILogger logger, string instance, string name, int restarted, int ownerGone);
}
