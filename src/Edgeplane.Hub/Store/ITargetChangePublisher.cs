namespace Edgeplane.Hub.Store;

/// <summary>How the store announces target changes: in the transaction (NOTIFY) and/or after it commits.</summary>
internal interface ITargetChangePublisher
{
    /// <summary>Called inside the write transaction, before commit.</summary>
    Task InTransactionAsync(HubDbContext db, IReadOnlyList<ClusterTargetChange> changes, CancellationToken cancellationToken);

    /// <summary>Called after the transaction committed.</summary>
    void AfterCommit(IReadOnlyList<ClusterTargetChange> changes);
}
