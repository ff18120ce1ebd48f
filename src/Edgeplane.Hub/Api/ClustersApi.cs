using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Store;
using Edgeplane.Protocol.Bundles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary><c>/api/v1/clusters</c>: the registry, filtered and paged; one cluster with its bundle's objects.</summary>
internal static class ClustersApi
{
    public static RouteGroupBuilder MapClustersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters", ListAsync).WithName("ListClusters").WithTags("Clusters").RequireAuthorization(HubPolicies.Read);
        api.MapGet("/clusters/{name}", GetAsync).WithName("GetCluster").WithTags("Clusters").RequireAuthorization(HubPolicies.Read);
        return api;
    }

    private static async Task<Results<Ok<PageResponse<ClusterResponse>>, ProblemHttpResult>> ListAsync(
        IClusterStore store, ClaimsPrincipal user, HubOptions options, TimeProvider time, CancellationToken cancellationToken,
        string? layer = null, string? region = null, string? site = null, string? selector = null, string? health = null,
        string? phase = null, int? limit = null, [FromQuery(Name = "continue")] string? continueToken = null)
    {
        if (!Paging.TryLimit(limit, options.Limits, out var size, out var error)
            || !ClusterSelector.TryParse(selector, out var requirements, out error))
        {
            return ApiProblems.BadRequest(error);
        }
        if (phase is not null && !LifecyclePhases.All.Contains(phase))
        {
            return ApiProblems.BadRequest($"phase '{phase}' is not a lifecycle phase; use one of {string.Join(", ", LifecyclePhases.All)}");
        }
        if (!Paging.TryAfter(continueToken, out var after, out var badToken))
        {
            return ApiProblems.BadRequest(badToken);
        }
        var query = new ClusterQuery
        {
            Layer = layer, Region = region, Site = site, Health = health, Phase = phase, Selector = requirements, Limit = size, After = after,
            Workspaces = CallerScope.Of(user).Narrowing,
        };
        var page = await store.ListClustersAsync(query, cancellationToken).ConfigureAwait(false);
        var offlineBefore = FleetApi.OfflineBefore(options, time);
        return TypedResults.Ok(new PageResponse<ClusterResponse>(page.Items.Select(c => c.ToResponse(offlineBefore)).ToList(), page.Continue));
    }

    private static async Task<Results<Ok<ClusterDetailResponse>, ProblemHttpResult>> GetAsync(
        string name, ClaimsPrincipal user, IClusterStore clusters, IBundleStore bundles, IRevisionStore revisions, IWorkspaceStore workspaces,
        HubOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var cluster = await clusters.GetClusterAsync(name, cancellationToken).ConfigureAwait(false);
        if (cluster is null || !await Sees(user, workspaces, name, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"cluster '{name}' not found");
        }
        var details = cluster.StatusDetails();
        var response = new ClusterDetailResponse(cluster.ToResponse(FleetApi.OfflineBefore(options, time)), null, details);
        if (cluster.DesiredDigest is { } digest && await bundles.GetBundleAsync(digest, cancellationToken).ConfigureAwait(false) is { } bundle)
        {
            var objects = BundleDocument.Parse(BundleCodec.DecompressStored(bundle.Encoding, bundle.Data, bundle.Size)).Objects;
            var summary = new BundleSummaryResponse(bundle.Digest, bundle.Size, objects.Count, objects.Select(o => new ObjectRef(
                (string?)o["apiVersion"], (string?)o["kind"], (string?)o["metadata"]?["namespace"], (string?)o["metadata"]?["name"])).ToList());
            var judge = new ObjectHealthJudge(details, cluster.AppliedDigest, digest,
                await AppliedIdentitiesAsync(cluster, revisions, cancellationToken).ConfigureAwait(false));
            var lists = ClusterComponents.Build(objects, judge, cluster.Versions(), CallerScope.Of(user).Narrowing);
            response = response with
            {
                DesiredBundle = summary, AddOns = lists.AddOns, Applications = lists.Applications, NetworkFunctions = lists.NetworkFunctions,
                OtherSources = lists.OtherSources, TruncatedComponents = lists.Truncated,
            };
        }
        return TypedResults.Ok(response);
    }

    /// <summary>The object identities of the bundle the agent applied, when it is not the desired one (null if not stored).</summary>
    private static async Task<ObjectIdentitySet?> AppliedIdentitiesAsync(ClusterView cluster, IRevisionStore revisions, CancellationToken cancellationToken)
    {
        if (cluster.AppliedDigest is not { } applied || applied == cluster.DesiredDigest)
        {
            return null;
        }
        return (await ObjectIdentityReader.ReadAsync(revisions, [applied], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(applied);
    }

    /// <summary>A workspace-scoped caller sees only the clusters its workspaces target; the others are "not found" to it.</summary>
    private static async Task<bool> Sees(ClaimsPrincipal user, IWorkspaceStore workspaces, string cluster, CancellationToken cancellationToken) =>
        CallerScope.Of(user).Narrowing is not { } scope
        || (await workspaces.ClustersOfAsync(scope, cancellationToken).ConfigureAwait(false)).Contains(cluster);
}
