using Edgeplane.Hub.Store;
using Microsoft.EntityFrameworkCore;

namespace Edgeplane.Hub.Targets;

/// <summary>
/// PostgreSQL: changes are sent with <c>pg_notify</c> inside the write transaction, so every replica (this one
/// included, through <see cref="PostgresNotificationListener"/>) hears them exactly when they commit, and never if they roll back.
/// </summary>
internal sealed class PostgresTargetChangePublisher : ITargetChangePublisher
{
    private const int NotifiesPerStatement = 50;

    public async Task InTransactionAsync(HubDbContext db, IReadOnlyList<ClusterTargetChange> changes, CancellationToken cancellationToken)
    {
        foreach (var chunk in TargetNotification.Encode(changes).Chunk(NotifiesPerStatement))
        {
            var calls = string.Join(", ", chunk.Select((_, i) => $"pg_notify('{TargetNotification.Channel}', {{{i}}})"));
            var args = chunk.Cast<object>().ToArray();
#pragma warning disable EF1003 // the SQL text holds only placeholders; the payloads are parameters
            await db.Database.ExecuteSqlRawAsync("SELECT " + calls, args, cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1003
        }
    }

    public void AfterCommit(IReadOnlyList<ClusterTargetChange> changes)
    {
    }
}
