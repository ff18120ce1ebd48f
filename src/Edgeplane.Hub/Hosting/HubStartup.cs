using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Hosting;

/// <summary>Runs before the loops and the server: migrates the store and makes the first admin token.</summary>
internal sealed partial class HubStartup(
    HubDatabase database, AdminTokenBootstrap tokens, HubReadiness readiness, HubOptions options, ILogger<HubStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await tokens.EnsureAsync(cancellationToken).ConfigureAwait(false);
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
}
