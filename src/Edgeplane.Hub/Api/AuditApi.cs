using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary><c>GET /api/v1/audit</c>: the audit log, newest first.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithName("ListAudit").WithTags("Audit");
        return api;
    }

    private static async Task<Results<Ok<PageResponse<AuditEntryResponse>>, ProblemHttpResult>> ListAsync(
        IAuditStore store, HubOptions options, CancellationToken cancellationToken,
        int? limit = null, [FromQuery(Name = "continue")] string? continueToken = null)
    {
        if (!Paging.TryLimit(limit, options.Limits, out var size, out var error))
        {
            return ApiProblems.BadRequest(error);
        }
        try
        {
            var page = await store.ListAuditAsync(size, continueToken, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new PageResponse<AuditEntryResponse>(page.Items.Select(a => a.ToResponse()).ToList(), page.Continue));
        }
        catch (FormatException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }
}
