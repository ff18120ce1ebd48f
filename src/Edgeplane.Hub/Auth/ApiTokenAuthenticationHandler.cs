using System.Security.Claims;
using System.Text.Encodings.Web;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer ep_…</c> against the stored token hashes (looked up on every request, never
/// cached: a revocation holds from the next request); an expired token fails with "token expired". The principal carries
/// the token's subject as its name, its id, <c>token</c> as the method, and exactly the token's one grant. Answers 401/403
/// as problem details.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ITokenStore tokens, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>Longest Authorization header looked at; longer ones are refused without a lookup.</summary>
    private const int MaxTokenLength = 512;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > MaxTokenLength)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer <token>'");
        }
        var token = header["Bearer ".Length..].Trim();
        var record = await tokens.FindTokenAsync(ApiTokens.Hash(token), Context.RequestAborted).ConfigureAwait(false);
        if (record is null)
        {
            return AuthenticateResult.Fail("unknown or revoked token");
        }
        if (record.IsExpired(time.GetUtcNow().UtcDateTime))
        {
            return AuthenticateResult.Fail($"token expired at {record.ExpiresAt:u}; ask an admin for a new one");
        }
        Claim[] own = [new(ClaimTypes.Name, record.Subject), new(HubClaims.TokenId, record.Id), new(HubClaims.Method, "token")];
        var identity = new ClaimsIdentity(own.Concat(HubGrant.Claims([new HubGrant(record.Role, record.Workspace)])), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure?.Message;
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            failure ?? "this endpoint needs an API token: send 'Authorization: Bearer <token>'").ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "this token's role may not do this");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(Context);
    }
}
