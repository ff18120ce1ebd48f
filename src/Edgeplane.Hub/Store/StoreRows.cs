using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Hub.Store;

/// <summary>What the EF stores share: audit rows written in the caller's unit of work, and keyset pages.</summary>
internal static class StoreRows
{
    /// <summary>An audit entry to add.</summary>
    public static AuditData Audit(string actor, string action, string target, string outcome, string? details) =>
        new(new AuditActor(actor), action, target, outcome, details);

    /// <summary>An audit entry to add, with the actor's credential and address.</summary>
    public static AuditData Audit(AuditActor actor, string action, string target, string outcome, string? details) =>
        new(actor, action, target, outcome, details);

    /// <summary>Adds <paramref name="entry"/> to <paramref name="db"/> at <paramref name="now"/> (saved with the caller's changes).</summary>
    public static void AddAudit(HubDbContext db, DateTime now, AuditData entry) => db.Audit.Add(new AuditEntry
    {
        Time = now,
        Actor = StoreLimits.Cut(entry.Actor.Subject, AuditActor.MaxSubject),
        Credential = entry.Actor.Credential is { } credential ? StoreLimits.Cut(credential, AuditActor.MaxCredential) : null,
        Source = entry.Actor.Source is { } source ? StoreLimits.Cut(source, AuditActor.MaxSource) : null,
        Workspace = entry.Workspace,
        Action = entry.Action,
        Target = StoreLimits.Cut(entry.Target, 256),
        Outcome = entry.Outcome,
        Details = entry.Details is null ? null : StoreLimits.Cut(entry.Details, StoreLimits.MaxReason),
    });

    /// <summary>
    /// A page of at most <paramref name="limit"/> from <paramref name="items"/> (read with one more than the limit), with
    /// a continue token after the last item when there is more.
    /// </summary>
    public static Page<T> Paged<T>(List<T> items, int limit, Func<T, string> key)
    {
        if (items.Count <= limit)
        {
            return new Page<T>(items, null);
        }
        items.RemoveAt(items.Count - 1);
        return new Page<T>(items, ContinueToken.Encode(key(items[^1])));
    }

    /// <summary>An audit entry's fields; <see cref="Workspace"/> files it under a workspace (its members may read it).</summary>
    internal sealed record AuditData(AuditActor Actor, string Action, string Target, string Outcome, string? Details)
    {
        public string? Workspace { get; init; }
    }
}
