using System.Security.Claims;
using System.Text.Encodings.Web;
using Edgeplane.Hub.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgeplane.Hub.Auth;

/// <summary>Authenticates <c>Authorization: Bearer ep_…</c> against the stored token hashes; answers 401/403 as problem details.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ITokenStore tokens)
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
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"token:{record.Name}"), new Claim(ClaimTypes.Role, record.Role), new Claim(HubClaims.TokenId, record.Id)],
            SchemeName);
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
