using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>GET /api/v1/revisions/{sha}/diff</c>: what a revision changed compared with the revision applied before it, from the
/// per-cluster changes recorded when it was applied and the stored bundles. A workspace-scoped caller sees and counts
/// only the clusters its workspaces target, like <c>GET /clusters</c>. Paged by cluster name (<c>continue</c>);
/// <c>?cluster=</c> gives one cluster's whole diff.
/// </summary>
internal static partial class RevisionsApi
{
    /// <summary>Longest commit sha accepted: SHA-256 object names (SHA-1 ones are 40).</summary>
    private const int MaxShaLength = 64;

    /// <summary>Longest cluster name (a DNS subdomain).</summary>
    private const int MaxClusterName = 253;

    private static async Task<Results<Ok<RevisionDiffResponse>, ProblemHttpResult>> DiffAsync(
        string sha, ClaimsPrincipal user, IRevisionStore store, IBundleStore bundles, IWorkspaceStore workspaces, HubOptions options,
        CancellationToken cancellationToken, string? cluster = null, [FromQuery(Name = "continue")] string? continueToken = null)
    {
        if (BadDiffQuery(sha, cluster, continueToken) is { } bad)
        {
            return ApiProblems.BadRequest(bad);
        }
        string? after;
        try
        {
            after = continueToken is null ? null : ContinueToken.Decode(continueToken);
        }
        catch (FormatException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
        var revision = await store.GetRevisionAsync(sha, cancellationToken).ConfigureAwait(false);
        if (revision is null)
        {
            return RevisionNotFound(sha);
        }
        var scope = CallerScope.Of(user).Narrowing;
        var changes = await VisibleChangesAsync(revision, scope, store, workspaces, cancellationToken).ConfigureAwait(false);
        if (cluster is not null)
        {
            changes = changes.Where(c => c.Cluster == cluster).ToList();
            if (changes.Count == 0)
            {
                return ApiProblems.NotFound($"revision {revision.Sha} changed no cluster named '{cluster}' that you may see");
            }
        }
        var limits = DiffLimits(options.Limits, cluster is not null);
        var query = new DiffQuery(cluster, after, scope is not null, limits);
        return TypedResults.Ok(await DiffPageAsync(revision, changes, query, new RevisionDiffBuilder(bundles, limits), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>What a diff request asks for: one cluster or a page after a name, as a scoped caller or not, within limits.</summary>
    private sealed record DiffQuery(string? Cluster, string? After, bool Scoped, RevisionDiffLimits Limits);

    /// <summary>The answer: counts over every visible change, the page's clusters compared, and where the next page starts.</summary>
    private static async Task<RevisionDiffResponse> DiffPageAsync(RevisionView revision, IReadOnlyList<RevisionChange> changes, DiffQuery query,
        RevisionDiffBuilder builder, CancellationToken cancellationToken)
    {
        var rest = changes.Where(c => query.After is null || string.CompareOrdinal(c.Cluster, query.After) > 0).ToList();
        var page = rest.Take(query.Limits.MaxClusters).ToList();
        var clusters = await builder.BuildAsync(page, cancellationToken).ConfigureAwait(false);
        var counts = new DiffCounts(changes.Count(c => c.FromDigest is null), changes.Count(c => c.ToDigest is null),
            changes.Count(c => c.FromDigest is not null && c.ToDigest is not null));
        var omitted = rest.Count - page.Count;
        return new RevisionDiffResponse(revision.Sha, revision.State,
            revision.ChangesRecorded && revision.BaseSha is { } based ? new RevisionDiffBase(based) : null,
            Recorded: revision.ChangesRecorded || revision.State != RevisionState.Applied, DiffNote(revision, changes.Count, query.Scoped),
            query.Cluster, query.Limits, counts, clusters, omitted, omitted > 0 ? ContinueToken.Encode(page[^1].Cluster) : null);
    }

    /// <summary>The revision's recorded changes on the clusters <paramref name="scope"/>'s workspaces target (all: null scope).</summary>
    private static async Task<IReadOnlyList<RevisionChange>> VisibleChangesAsync(RevisionView revision, IReadOnlyList<string>? scope,
        IRevisionStore store, IWorkspaceStore workspaces, CancellationToken cancellationToken)
    {
        if (!revision.ChangesRecorded)
        {
            return [];
        }
        var changes = await store.GetChangesAsync(revision.Id, cancellationToken).ConfigureAwait(false);
        if (scope is null)
        {
            return changes;
        }
        var visible = await workspaces.ClustersOfAsync(scope, cancellationToken).ConfigureAwait(false);
        return changes.Where(c => visible.Contains(c.Cluster)).ToList();
    }

    /// <summary>What is wrong with the request's sha, cluster and continue, or null.</summary>
    private static string? BadDiffQuery(string sha, string? cluster, string? continueToken)
    {
        if (sha.Length is < 7 or > MaxShaLength || !sha.All(char.IsAsciiHexDigit))
        {
            return $"'{Cut(sha)}' is not a revision: give its full sha or a unique prefix, 7 to {MaxShaLength} hexadecimal characters";
        }
        if (cluster is not null && cluster.Length is 0 or > MaxClusterName)
        {
            return $"cluster must be a cluster name of 1 to {MaxClusterName} characters, got {cluster.Length}";
        }
        return cluster is not null && continueToken is not null ? "give cluster (one cluster's whole diff) or continue (the next page), not both" : null;
    }

    private static string Cut(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static RevisionDiffLimits DiffLimits(HubLimits limits, bool oneCluster) => oneCluster
        ? new RevisionDiffLimits(1, limits.DiffClusterMaxObjects, limits.DiffClusterMaxFields, limits.DiffMaxValueChars)
        : new RevisionDiffLimits(limits.DiffMaxClusters, limits.DiffMaxObjects, limits.DiffMaxFields, limits.DiffMaxValueChars);

    /// <summary>Why a diff is empty or unknown, in words; null when it shows changes.</summary>
    private static string? DiffNote(RevisionView revision, int changed, bool scoped) => revision switch
    {
        { ChangesRecorded: true } when changed > 0 => null,
        { ChangesRecorded: true } => scoped
            ? "it changed the bundle of no cluster you may see"
            : "it changed no cluster's bundle (a commit may change only labels, workspaces or files no cluster uses)",
        { State: RevisionState.Applied } => "it was applied before this hub recorded what revisions change, so its changes are not known",
        { State: RevisionState.Failed } => "it failed: it changed nothing, and the last good revision stays desired",
        { State: RevisionState.Held } => "it is held: it changes nothing until a fleet-admin approves it",
        { State: RevisionState.Superseded } => "a newer commit superseded it before it was applied: it changed nothing",
        _ => "it is not applied yet: it has changed nothing so far",
    };
}
