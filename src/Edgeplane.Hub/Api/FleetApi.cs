using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary><c>GET /api/v1/fleet</c>: the fleet summary.</summary>
internal static class FleetApi
{
    public static RouteGroupBuilder MapFleetApi(this RouteGroupBuilder api)
    {
        api.MapGet("/fleet", GetSummaryAsync).WithName("GetFleetSummary").WithTags("Fleet").RequireAuthorization(HubPolicies.Read);
        return api;
    }

    private static async Task<Ok<FleetSummaryResponse>> GetSummaryAsync(
        ClaimsPrincipal user, IClusterStore clusters, IRevisionStore revisions, HubOptions options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var summary = await clusters.GetFleetSummaryAsync(OfflineBefore(options, time), CallerScope.Of(user).Narrowing, cancellationToken)
            .ConfigureAwait(false);
        var source = await revisions.GetSourceStateAsync(cancellationToken).ConfigureAwait(false);
        var total = new LayerSummary("total",
            summary.Layers.Sum(l => l.Clusters), summary.Layers.Sum(l => l.InSync), summary.Layers.Sum(l => l.Drifted),
            summary.Layers.Sum(l => l.Unhealthy), summary.Layers.Sum(l => l.Offline), summary.Layers.Sum(l => l.Unknown));
        return TypedResults.Ok(new FleetSummaryResponse(summary.Layers, total, summary.Current?.ToResponse(), summary.LastError?.ToResponse(),
            new SourceResponse(options.Repo, options.Branch, source?.Head, ContractMapping.Utc(source?.LastFetchAt), source?.LastFetchError),
            summary.Converged));
    }

    internal static DateTime OfflineBefore(HubOptions options, TimeProvider time) => time.GetUtcNow().UtcDateTime - options.OfflineAfter;
}
