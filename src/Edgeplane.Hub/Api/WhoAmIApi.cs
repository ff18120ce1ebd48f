using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Api;

/// <summary><c>GET /api/v1/whoami</c>: the caller's subject, grants and what they let it change.</summary>
internal static class WhoAmIApi
{
    public static RouteGroupBuilder MapWhoAmIApi(this RouteGroupBuilder api)
    {
        api.MapGet("/whoami", Get).WithName("WhoAmI").WithTags("Auth").RequireAuthorization(HubPolicies.Read);
        return api;
    }

    private static Ok<WhoAmIResponse> Get(ClaimsPrincipal user)
    {
        var scope = CallerScope.Of(user);
        var grants = HubGrant.Of(user).Select(g => new GrantResponse(g.Role, g.Workspace)).ToList();
        var admin = scope.IsFleetAdmin;
        return TypedResults.Ok(new WhoAmIResponse(CallerScope.Subject(user), grants,
            new CallerAbilities(ApproveRevisions: admin, SteerRollouts: admin, RevokeClusters: admin, ManageTokens: admin || scope.AdminOf.Count > 0)));
    }
}
