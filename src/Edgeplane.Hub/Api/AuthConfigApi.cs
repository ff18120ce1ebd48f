using Edgeplane.Hub.Api.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>GET /api/v1/auth/config</c>: what the dashboard's sign-in page needs before anyone is signed in, so it is
/// anonymous. It names the OIDC issuer, the public client id and the scopes, never a secret (a public client has none).
/// </summary>
internal static class AuthConfigApi
{
    public static RouteGroupBuilder MapAuthConfigApi(this RouteGroupBuilder api)
    {
        api.MapGet("/auth/config", Get).WithName("AuthConfig").WithTags("Auth").AllowAnonymous();
        return api;
    }

    private static Ok<AuthConfigResponse> Get(HubOptions options, HttpResponse response)
    {
        // Revalidated on every load: a hub restarted with other --oidc-… flags is seen at once.
        response.Headers[HeaderNames.CacheControl] = "no-cache";
        var oidc = options.Oidc is { } o ? new OidcConfigResponse(o.Issuer, o.Audience, o.Scopes) : null;
        return TypedResults.Ok(new AuthConfigResponse(oidc));
    }
}
