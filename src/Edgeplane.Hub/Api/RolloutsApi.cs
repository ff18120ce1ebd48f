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

/// <summary><c>/api/v1/rollouts</c>: every rollout run, newest first, and an operator's pause, resume, abort and promote.</summary>
internal static class RolloutsApi
{
    public static RouteGroupBuilder MapRolloutsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rollouts", ListAsync).WithName("ListRollouts").WithTags("Rollouts").RequireAuthorization(HubPolicies.Read);
        api.MapGet("/rollouts/{id:long}", GetAsync).WithName("GetRollout").WithTags("Rollouts").RequireAuthorization(HubPolicies.Read);
        foreach (var control in Enum.GetValues<RolloutControl>())
        {
            var verb = control.ToString().ToLowerInvariant();
            api.MapPost($"/rollouts/{{id:long}}/{verb}",
                    (long id, HttpContext context, IRolloutStore store, HubSignals signals, CancellationToken cancellationToken) =>
                        ControlAsync(id, control, context, store, signals, cancellationToken))
                .WithName($"{control}Rollout").WithTags("Rollouts").RequireAuthorization(HubPolicies.FleetAdmin);
        }
        return api;
    }

    private static Task<Results<Ok<PageResponse<RolloutResponse>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, IRolloutStore store, HubOptions options, CancellationToken cancellationToken,
        int? limit = null, [FromQuery(Name = "continue")] string? continueToken = null, bool members = true)
        => Paging.ListAsync(limit, continueToken, options.Limits,
            (size, token) => store.ListAsync(size, token, CallerScope.Of(user).Narrowing, members, cancellationToken), r => r);

    private static async Task<Results<Ok<RolloutResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal user, IRolloutStore store, IWorkspaceStore workspaces, CancellationToken cancellationToken)
    {
        var run = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var hidden = CallerScope.Of(user).Narrowing is { } scope && !await workspaces.RolloutTouchesAsync(id, scope, cancellationToken).ConfigureAwait(false);
        return run is null || hidden ? ApiProblems.NotFound($"rollout {id} not found") : TypedResults.Ok(run);
    }

    private static async Task<Results<Ok<RolloutResponse>, ProblemHttpResult>> ControlAsync(
        long id, RolloutControl control, HttpContext context, IRolloutStore store, HubSignals signals, CancellationToken cancellationToken)
    {
        var outcome = await store.ControlAsync(id, control, context.Actor(), cancellationToken).ConfigureAwait(false);
        if (!outcome.Found)
        {
            return ApiProblems.NotFound($"rollout {id} not found");
        }
        if (outcome.Refusal is not null)
        {
            return ApiProblems.Conflict($"cannot {control.ToString().ToLowerInvariant()} rollout {id}: {outcome.Refusal}");
        }
        signals.RequestRolloutStep();
        return TypedResults.Ok((await store.GetAsync(id, cancellationToken).ConfigureAwait(false))!);
    }
}
