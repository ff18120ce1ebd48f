using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>Creates a fresh context of the configured provider for each unit of work.</summary>
public sealed class HubDbContextFactory : IDbContextFactory<HubDbContext>
{
    /// <summary>Rows per batched statement; keeps a 10,000-cluster commit to a few dozen round trips.</summary>
    public const int MaxBatchSize = 1000;

    private readonly Func<HubDbContext> _create;

    /// <summary>Builds the options for <paramref name="settings"/> once.</summary>
    public HubDbContextFactory(StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        if (settings.Provider == StoreProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteHubDbContext>()
                .UseSqlite(settings.ConnectionString, o => o.MaxBatchSize(MaxBatchSize))
                .Options;
            _create = () => new SqliteHubDbContext(options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<PostgresHubDbContext>()
                .UseNpgsql(settings.ConnectionString, o => o.MaxBatchSize(MaxBatchSize))
                .Options;
            _create = () => new PostgresHubDbContext(options);
        }
    }

    /// <summary>The store this factory connects to.</summary>
    public StoreSettings Settings { get; }

    /// <inheritdoc />
    public HubDbContext CreateDbContext() => _create();
}
