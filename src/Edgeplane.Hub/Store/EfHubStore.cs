using Edgeplane.Hub.Targets;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Store;

/// <summary>
/// The EF Core implementation of every store port, on SQLite or PostgreSQL. Each call uses its own short-lived
/// context, so the store is a singleton shared by the API, the source poller and the revision processor.
/// </summary>
internal sealed partial class EfHubStore(
    IDbContextFactory<HubDbContext> contexts, ITargetChangePublisher publisher, TimeProvider time)
    : IRevisionStore, IClusterStore, IBundleStore, IAuditStore, ITokenStore
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

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

    private static AuditEntryData Audit(string actor, string action, string target, string outcome, string? details) =>
        new(actor, action, target, outcome, details);

    private void AddAudit(HubDbContext db, AuditEntryData entry) => db.Audit.Add(new Entities.AuditEntry
    {
        Time = Now,
        Actor = entry.Actor,
        Action = entry.Action,
        Target = StoreLimits.Cut(entry.Target, 256),
        Outcome = entry.Outcome,
        Details = entry.Details is null ? null : StoreLimits.Cut(entry.Details, StoreLimits.MaxReason),
    });

    private sealed record AuditEntryData(string Actor, string Action, string Target, string Outcome, string? Details);
}
