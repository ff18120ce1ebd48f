using Edgeplane.Hub.Plans;
using Edgeplane.Hub.Store.Entities;
using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Hub.Store;

/// <summary>Persistence port for fetched revisions and their outcomes.</summary>
internal interface IRevisionStore
{
    /// <summary>The last fetched head, or null before the first fetch.</summary>
    Task<string?> GetHeadAsync(CancellationToken cancellationToken);

    /// <summary>Records a fetch: new commits, the newest as Pending and any older Pending as Superseded.</summary>
    Task RecordFetchAsync(FetchRecord fetch, CancellationToken cancellationToken);

    /// <summary>Records that a fetch failed (shown in the API; the previous head stays).</summary>
    Task RecordFetchErrorAsync(string error, CancellationToken cancellationToken);

    /// <summary>The newest revision waiting for the processor (Pending or Approved), if any.</summary>
    Task<RevisionView?> NextToProcessAsync(CancellationToken cancellationToken);

    /// <summary>The desired state of every cluster not removed.</summary>
    Task<IReadOnlyDictionary<string, DesiredCluster>> GetDesiredAsync(CancellationToken cancellationToken);

    /// <summary>Applies a good revision in one transaction and announces the changed targets after it commits.</summary>
    Task ApplyAsync(RevisionPlan plan, TimeSpan renderDuration, CancellationToken cancellationToken);

    /// <summary>Marks a revision Failed with every error; nothing else changes.</summary>
    Task FailAsync(long revisionId, IReadOnlyList<Diagnostic> errors, CancellationToken cancellationToken);

    /// <summary>Marks a revision Held with a reason naming the clusters (and workspaces) it would remove, empty or mostly delete.</summary>
    Task HoldAsync(long revisionId, string reason, CancellationToken cancellationToken);

    /// <summary>Approves a Held revision so the processor applies it; audited.</summary>
    Task<ApproveOutcome> ApproveAsync(string sha, AuditActor actor, CancellationToken cancellationToken);

    /// <summary>One revision with its errors, by full sha or a unique prefix of at least 7 characters.</summary>
    Task<RevisionView?> GetRevisionAsync(string sha, CancellationToken cancellationToken);

    /// <summary>
    /// The clusters whose desired bundle revision <paramref name="revisionId"/> changed when it was applied, by name
    /// (ordinal); empty when it changed none or its changes were not recorded (<see cref="RevisionView.ChangesRecorded"/>).
    /// </summary>
    Task<IReadOnlyList<RevisionChange>> GetChangesAsync(long revisionId, CancellationToken cancellationToken);

    /// <summary>Revisions, newest first.</summary>
    Task<Page<RevisionView>> ListRevisionsAsync(int limit, string? continueToken, CancellationToken cancellationToken);

    /// <summary>The source's last fetch time and error.</summary>
    Task<SourceState?> GetSourceStateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The recorded object identities (<c>ObjectIdentitySet</c> bytes) of the stored bundles with these digests; digests
    /// without a record are left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, byte[]>> GetBundleIdentitiesAsync(IReadOnlyCollection<string> digests, CancellationToken cancellationToken);

    /// <summary>The stored (compressed) bundles with these digests; digests not stored are left out.</summary>
    Task<IReadOnlyList<BundleContent>> GetBundleContentsAsync(IReadOnlyCollection<string> digests, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the fleet's head back to the processor (Pending, audited as <c>revision.requeue</c> with
    /// <paramref name="reason"/>) when it is the newest revision and Applied, so it is compiled again against the stored
    /// state (a join token that expired unused is replaced). Returns its sha, or null when the head is not the applied
    /// revision (a newer commit is waiting, held or failed: its own processing decides).
    /// </summary>
    Task<string?> RequeueAppliedHeadAsync(string reason, CancellationToken cancellationToken);

    /// <summary>Applications per workspace recorded with the newest Applied revision; null when none was recorded.</summary>
    Task<IReadOnlyDictionary<string, int>?> GetAppliedWorkspaceApplicationsAsync(CancellationToken cancellationToken);
}

/// <summary>What an approval did.</summary>
internal enum ApproveOutcome
{
    /// <summary>The revision is now Approved and will be applied.</summary>
    Approved,

    /// <summary>No revision with that sha.</summary>
    NotFound,

    /// <summary>The revision is not Held (nothing to approve).</summary>
    NotHeld,
}
