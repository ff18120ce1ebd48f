namespace Edgeplane.Hub.Store;

/// <summary>Shorthands for appending an entry whose actor carries its credential and address.</summary>
internal static class AuditStoreExtensions
{
    public static Task AppendAsync(this IAuditStore store, AuditActor actor, string action, string target, string outcome, string? details,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.AppendAsync(StoreRows.Audit(actor, action, target, outcome, details), cancellationToken);
    }
}
