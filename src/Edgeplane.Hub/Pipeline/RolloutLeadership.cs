using Edgeplane.Hub.Store;
using Npgsql;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Which hub steps the rollout runs. On SQLite one hub owns the file, so it always leads. On PostgreSQL the hub that
/// holds a session advisory lock on its own connection leads; the lock goes with the connection, so a hub that dies or
/// loses its connection hands the lead to the next one that asks.
/// </summary>
internal sealed class RolloutLeadership(StoreSettings settings) : IAsyncDisposable
{
    /// <summary>Advisory lock key of the rollout leader ("EPROLLOU").</summary>
    internal const long LeaderLockKey = 0x4550_524F_4C4C_4F55;

    private NpgsqlConnection? _connection;

    /// <summary>True when this hub leads now (for PostgreSQL: it holds the lock and its connection is open).</summary>
    public async Task<bool> LeadAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider != StoreProvider.Postgres)
        {
            return true;
        }
        if (_connection is { State: System.Data.ConnectionState.Open } held && await AliveAsync(held, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }
        await DropAsync().ConfigureAwait(false);
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LeaderLockKey})", connection);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                _connection = connection;
                return true;
            }
        }
        catch (NpgsqlException)
        {
            // Unreachable store: not leading; asked again later.
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return false;
    }

    private static async Task<bool> AliveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private async Task DropAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    public ValueTask DisposeAsync() => new(DropAsync());
}
