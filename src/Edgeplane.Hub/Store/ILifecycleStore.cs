namespace Edgeplane.Hub.Store;

/// <summary>Persistence port of the lifecycle monitor: the facts that decide each cluster's phase, and its phase changes.</summary>
internal interface ILifecycleStore
{
    /// <summary>
    /// The facts of the clusters named in <paramref name="names"/> and of the clusters they provision (a management
    /// cluster's report changes them); of every cluster when <paramref name="names"/> is null. Removed ones included.
    /// </summary>
    Task<IReadOnlyList<LifecycleFacts>> ListFactsAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the changes in one transaction, each only if its cluster still has the phase and reason it was judged with
    /// (another hub replica may have written it first), with a <c>cluster.lifecycle</c> audit entry (actor <c>hub</c>)
    /// for each phase change written. Returns the changes written.
    /// </summary>
    Task<IReadOnlyList<LifecycleChange>> WriteAsync(IReadOnlyList<LifecycleChange> changes, DateTime now, CancellationToken cancellationToken);

    /// <summary>Removed clusters whose identity is not revoked yet (also those that never enrolled: their tokens must go).</summary>
    Task<IReadOnlyList<RemovedCluster>> ListUnrevokedRemovedAsync(CancellationToken cancellationToken);
}
