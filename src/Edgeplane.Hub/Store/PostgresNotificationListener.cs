using Edgeplane.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Edgeplane.Hub.Store;

/// <summary>
/// PostgreSQL, several hub replicas: one connection that LISTENs on every <see cref="IPostgresChannel"/> (target changes,
/// revocations) and hands each notification to its channel. Connecting is retried with <see cref="BackoffRetry"/>'s
/// back-off (250 ms doubling up to 30 s, full jitter); after a lost connection it reconnects at once, then backs off, and
/// tells every channel it reconnected.
/// </summary>
internal sealed partial class PostgresNotificationListener(
    StoreSettings settings, IEnumerable<IPostgresChannel> channels, TimeProvider time, ILogger<PostgresNotificationListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<IPostgresChannel> _channels = channels.ToList();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _failed;

    /// <summary>Completes once LISTEN is active the first time (tests wait for it instead of sleeping).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = string.Join(", ", _channels.Select(c => c.Name));
        var retry = BackoffRetry.Pipeline(new Backoff(FirstBackoff, MaxBackoff), new BackoffRetryOptions
        {
            ShouldRetry = IsConnectionFailure,
            OnRetry = attempt =>
            {
                _failed = true;
                LogListenFailed(logger, attempt.Failure, names, attempt.Delay);
            },
        }, time, Random.Shared);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await retry.ExecuteAsync(ListenAsync, stoppingToken).ConfigureAwait(false);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (IsConnectionFailure(error))
            {
                _failed = true;
                LogConnectionLost(logger, error, names);
            }
        }
    }

    private async ValueTask<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            connection.Notification += (_, e) => _channels.FirstOrDefault(c => c.Name == e.Channel)?.OnNotification(e.Payload);
            foreach (var channel in _channels)
            {
                await using var listen = new NpgsqlCommand($"LISTEN {channel.Name}", connection);
                await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        if (_failed)
        {
            foreach (var channel in _channels)
            {
                channel.OnReconnected();
            }
        }
        _listening.TrySetResult();
        return connection;
    }

    private static bool IsConnectionFailure(Exception error) => error is NpgsqlException or InvalidOperationException or IOException;

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "LISTEN connection ({Channels}) failed; retrying in {Backoff}")]
    private static partial void LogListenFailed(ILogger logger, Exception error, string channels, TimeSpan backoff);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "LISTEN connection ({Channels}) lost; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception error, string channels);
}
