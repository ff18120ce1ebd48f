using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary><c>GET /api/v1/fleet</c>: the fleet summary.</summary>
internal static class FleetApi
{
    public static RouteGroupBuilder MapFleetApi(this RouteGroupBuilder api)
    {
        api.MapGet("/fleet", GetSummaryAsync).WithName("GetFleetSummary").WithTags("Fleet").RequireAuthorization(HubPolicies.Read);
        api.MapGet("/fleet/map", GetMapAsync).WithName("GetFleetMap").WithTags("Fleet").RequireAuthorization(HubPolicies.Read);
        return api;
    }

    /// <summary>
    /// <c>GET /api/v1/fleet/map</c>: every cluster the caller sees with its place and states, in pages of up to
    /// <see cref="HubLimits.MaxMapPageSize"/> (the default); <c>?names=a,b</c> reads only those (a live update).
    /// </summary>
    private static async Task<Results<Ok<PageResponse<FleetMapItem>>, ProblemHttpResult>> GetMapAsync(
        IClusterStore store, ClaimsPrincipal user, HubOptions options, TimeProvider time, CancellationToken cancellationToken,
        string? layer = null, string? region = null, string? site = null, string? selector = null, string? names = null,
        int? limit = null, [FromQuery(Name = "continue")] string? continueToken = null)
    {
        var limits = options.Limits;
        var size = limit ?? limits.MaxMapPageSize;
        if (size < 1 || size > limits.MaxMapPageSize)
        {
            return ApiProblems.BadRequest($"limit must be between 1 and {limits.MaxMapPageSize}, got {size}");
        }
        if (!ClusterSelector.TryParse(selector, out var requirements, out var error))
        {
            return ApiProblems.BadRequest(error);
        }
        string[]? nameList = null;
        if (names is not null)
        {
            nameList = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (nameList.Length == 0 || nameList.Length > limits.MaxMapNames)
            {
                return ApiProblems.BadRequest($"names must list 1 to {limits.MaxMapNames} cluster names separated by commas, got {nameList.Length}");
            }
        }
        if (!Paging.TryAfter(continueToken, out var after, out var badToken))
        {
            return ApiProblems.BadRequest(badToken);
        }
        var query = new ClusterQuery
        {
            Layer = layer, Region = region, Site = site, Selector = requirements, Names = nameList, Limit = size, After = after,
            Workspaces = CallerScope.Of(user).Narrowing,
        };
        var page = await store.ListMapAsync(query, OfflineBefore(options, time), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PageResponse<FleetMapItem>(
            page.Items.Select(c => new FleetMapItem(c.Name, c.Layer, c.Region, c.Site, StateNames(c.States))).ToList(), page.Continue));
    }

    /// <summary>The contract's words for <see cref="ClusterStates"/> (docs/api.md), in a fixed order.</summary>
    private static readonly (ClusterStates State, string Name)[] StateWords =
    [
        (ClusterStates.InSync, "inSync"), (ClusterStates.Drifted, "drifted"), (ClusterStates.Unhealthy, "unhealthy"),
        (ClusterStates.Offline, "offline"), (ClusterStates.LinkUnknown, "linkUnknown"), (ClusterStates.Held, "held"),
        (ClusterStates.Behind, "behind"),
    ];

    private static string[] StateNames(ClusterStates states) =>
        StateWords.Where(w => states.HasFlag(w.State)).Select(w => w.Name).ToArray();

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
