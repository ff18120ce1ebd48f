using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Edgeplane.Hub.Store;

/// <summary>
/// Hands out a context of the configured provider for each unit of work, from a pool: creating a context builds its
/// internal service scope, which showed up as a quarter of the hub's busy time in a 1,000-agent reconnect storm
/// (four short identity queries per Connect). A pooled context is reset when disposed, so none carries state.
/// </summary>
internal sealed class HubDbContextFactory : IDbContextFactory<HubDbContext>
{
    /// <summary>Rows per batched statement; keeps a 10,000-cluster commit to a few dozen round trips.</summary>
    public const int MaxBatchSize = 1000;

    private readonly Func<HubDbContext> _create;

    /// <summary>Builds the options for <paramref name="settings"/> once; <paramref name="interceptors"/> see every save.</summary>
    public HubDbContextFactory(StoreSettings settings, params IInterceptor[] interceptors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        if (settings.Provider == StoreProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteHubDbContext>()
                .UseSqlite(settings.ConnectionString, o => o.MaxBatchSize(MaxBatchSize))
                .AddInterceptors(interceptors)
                .Options;
            var pool = new PooledDbContextFactory<SqliteHubDbContext>(options);
            _create = pool.CreateDbContext;
        }
        else
        {
            var options = new DbContextOptionsBuilder<PostgresHubDbContext>()
                .UseNpgsql(settings.ConnectionString, o => o.MaxBatchSize(MaxBatchSize))
                .AddInterceptors(interceptors)
                .Options;
            var pool = new PooledDbContextFactory<PostgresHubDbContext>(options);
            _create = pool.CreateDbContext;
        }
    }

    /// <summary>The store this factory connects to.</summary>
    public StoreSettings Settings { get; }

    /// <inheritdoc />
    public HubDbContext CreateDbContext() => _create();
}
