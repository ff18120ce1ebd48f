using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>Persistence port for the append-only audit log.</summary>
internal interface IAuditStore
{
    /// <summary>Appends one entry (its time is set by the store's clock).</summary>
    Task AppendAsync(string actor, string action, string target, string outcome, string? details, CancellationToken cancellationToken);

    /// <summary>Entries, newest first.</summary>
    Task<Page<AuditView>> ListAuditAsync(int limit, string? continueToken, CancellationToken cancellationToken);
}
