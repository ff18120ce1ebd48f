using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>The hub database itself: brings its schema up to date at start (the stores then share it, one port each).</summary>
internal sealed class HubDatabase(IDbContextFactory<HubDbContext> contexts)
{
    /// <summary>Applies pending migrations (and WAL mode on SQLite).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        if (db is SqliteHubDbContext)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
