using Edgeplane.Hub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Edgeplane.Hub.Targets;

/// <summary>
/// LISTENs on the target channel and relays every replica's committed changes into the local feed. After a lost
/// connection it reconnects with back-off and tells subscribers to resync, since notifications sent meanwhile are gone.
/// </summary>
internal sealed partial class PostgresTargetListener(
    StoreSettings settings, ClusterTargetFeed feed, TimeProvider time, ILogger<PostgresTargetListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(settings.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) => feed.Publish(TargetNotification.Decode(e.Payload).ToList());
                await using (var listen = new NpgsqlCommand($"LISTEN {TargetNotification.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
                if (!first)
                {
                    feed.SignalResync();
                }
                first = false;
                backoff = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                LogListenFailed(logger, error, backoff);
                first = false;
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Target LISTEN connection failed; retrying in {Backoff}")]
    private static partial void LogListenFailed(ILogger logger, Exception error, TimeSpan backoff);
}
