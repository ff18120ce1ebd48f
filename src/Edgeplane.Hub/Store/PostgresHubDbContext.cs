using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>The hub store on PostgreSQL, shared by hub replicas.</summary>
internal sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options)
{
    /// <summary>Advisory lock key for the revision writers ("EPHUBREV").</summary>
    internal const long WriteLockKey = 0x4550_4855_4252_4556;

    public override async Task LockForWriteAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriteLockKey})", cancellationToken).ConfigureAwait(false);
}
