using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>
/// Persistence port for the append-only audit log: entries are added, read and, past the retention, pruned; never
/// changed (both stores refuse an UPDATE of the table).
/// </summary>
internal interface IAuditStore
{
    /// <summary>Appends one entry (its time is set by the store's clock).</summary>
    Task AppendAsync(string actor, string action, string target, string outcome, string? details, CancellationToken cancellationToken);

    /// <summary>Appends one entry with its actor's credential and address and, optionally, its workspace.</summary>
    Task AppendAsync(StoreRows.AuditData entry, CancellationToken cancellationToken);

    /// <summary>Entries, newest first.</summary>
    Task<Page<AuditView>> ListAuditAsync(int limit, string? continueToken, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    Task<Page<AuditView>> ListAuditAsync(AuditQuery query, int limit, string? continueToken, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="batch"/> entries that are older than <paramref name="olderThan"/> or beyond the
    /// newest <paramref name="keep"/>; returns how many went (call again while it returns <paramref name="batch"/>).
    /// </summary>
    Task<int> PruneAsync(DateTime olderThan, long keep, int batch, CancellationToken cancellationToken);
}
