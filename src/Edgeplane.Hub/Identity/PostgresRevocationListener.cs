using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// PostgreSQL, several hub replicas: LISTENs for revocations committed by any replica (<c>edgeplane_revocations</c>,
/// sent by <see cref="EfIdentityStore"/> inside the revocation's transaction) and drops the cluster's live streams on
/// this one. Reconnects with back-off; a revocation missed while disconnected still refuses every new call, because
/// each call checks the shared store.
/// </summary>
internal sealed partial class PostgresRevocationListener(
    StoreSettings settings, AgentConnectionRegistry registry, TimeProvider time, ILogger<PostgresRevocationListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once LISTEN is active the first time (tests wait for it instead of sleeping).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(settings.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) => Drop(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {EfIdentityStore.RevocationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
                backoff = TimeSpan.FromMilliseconds(250);
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException or IOException)
            {
                LogListenFailed(logger, error, backoff);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void Drop(string payload)
    {
        if (ClusterId.TryParse(payload, out var cluster, out _))
        {
            registry.Drop(cluster, GoodbyeReason.Revoked);
        }
    }

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Revocation LISTEN connection failed; retrying in {Backoff}")]
    private static partial void LogListenFailed(ILogger logger, Exception error, TimeSpan backoff);
}
