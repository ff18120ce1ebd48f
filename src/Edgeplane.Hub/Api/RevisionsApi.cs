using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary><c>/api/v1/revisions</c>: every commit seen, its errors, what it changed, and the approval of a held one.</summary>
internal static partial class RevisionsApi
{
    public static RouteGroupBuilder MapRevisionsApi(this RouteGroupBuilder api)
    {
        // Revisions are the fleet's commits, one for every workspace: any role reads them; approving one is fleet-wide.
        api.MapGet("/revisions", ListAsync).WithName("ListRevisions").WithTags("Revisions").RequireAuthorization(HubPolicies.Read);
        api.MapGet("/revisions/{sha}", GetAsync).WithName("GetRevision").WithTags("Revisions").RequireAuthorization(HubPolicies.Read);
        // What a revision changed shows objects of clusters: scoped to the clusters the caller may see (RevisionsApi.Diff.cs).
        api.MapGet("/revisions/{sha}/diff", DiffAsync).WithName("GetRevisionDiff").WithTags("Revisions").RequireAuthorization(HubPolicies.Read);
        api.MapPost("/revisions/{sha}/approve", ApproveAsync).WithName("ApproveRevision").WithTags("Revisions")
            .RequireAuthorization(HubPolicies.FleetAdmin);
        return api;
    }

    private static Task<Results<Ok<PageResponse<RevisionResponse>>, ProblemHttpResult>> ListAsync(
        IRevisionStore store, HubOptions options, CancellationToken cancellationToken,
        int? limit = null, [FromQuery(Name = "continue")] string? continueToken = null)
        => Paging.ListAsync(limit, continueToken, options.Limits,
            (size, token) => store.ListRevisionsAsync(size, token, cancellationToken), r => r.ToResponse());

    private static async Task<Results<Ok<RevisionResponse>, ProblemHttpResult>> GetAsync(
        string sha, IRevisionStore store, CancellationToken cancellationToken)
    {
        var revision = await store.GetRevisionAsync(sha, cancellationToken).ConfigureAwait(false);
        return revision is null ? RevisionNotFound(sha) : TypedResults.Ok(revision.ToResponse());
    }

    private static ProblemHttpResult RevisionNotFound(string sha) =>
        ApiProblems.NotFound($"revision '{sha}' not found (give the full sha or a unique prefix of at least 7 characters)");

    private static async Task<Results<Ok<RevisionResponse>, ProblemHttpResult>> ApproveAsync(
        string sha, HttpContext context, IRevisionStore store, HubSignals signals, CancellationToken cancellationToken)
    {
        var outcome = await store.ApproveAsync(sha, context.Actor(), cancellationToken).ConfigureAwait(false);
        var revision = await store.GetRevisionAsync(sha, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case ApproveOutcome.NotFound:
                return ApiProblems.NotFound($"revision '{sha}' not found");
            case ApproveOutcome.NotHeld:
                return ApiProblems.Conflict($"revision {revision!.Sha} is {revision.State}; only a Held revision can be approved");
            default:
                signals.RequestProcessing();
                return TypedResults.Ok(revision!.ToResponse());
        }
    }
}
