using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>The hub store on SQLite (embedded, WAL, one file in the data folder).</summary>
internal sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options)
{
    // SQLite allows one writer at a time and only one hub process uses the file; the transaction is the lock.
    public override Task LockForWriteAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
