using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Targets;

/// <summary>SQLite: one hub process, so changes go straight to the in-process feed once committed.</summary>
internal sealed class LocalTargetChangePublisher(ClusterTargetFeed feed) : ITargetChangePublisher
{
    public Task InTransactionAsync(HubDbContext db, IReadOnlyList<ClusterTargetChange> changes, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public void AfterCommit(IReadOnlyList<ClusterTargetChange> changes) => feed.Publish(changes);
}
