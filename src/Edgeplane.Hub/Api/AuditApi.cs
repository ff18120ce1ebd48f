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

    private static Task<Results<Ok<PageResponse<AuditEntryResponse>>, ProblemHttpResult>> ListAsync(
        IAuditStore store, HubOptions options, CancellationToken cancellationToken,
        int? limit = null, [FromQuery(Name = "continue")] string? continueToken = null)
        => Paging.ListAsync(limit, continueToken, options.Limits,
            (size, token) => store.ListAuditAsync(size, token, cancellationToken), a => a.ToResponse());
}
