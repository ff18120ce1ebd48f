using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Edgeplane.Hub.Auth;

/// <summary>
/// The hub's hooks into JwtBearer: read the keys again before validating a token that names an unknown key, turn a
/// validated token into the hub principal (<see cref="OidcPrincipalFactory"/>), and answer 401 and 403 as problem
/// details like the API-token scheme does.
/// </summary>
internal sealed partial class OidcJwtEvents(OidcOptions oidc, OidcKeySource keys, ILogger<OidcJwtEvents> logger) : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        string? header = context.Request.Headers.Authorization;
        var token = header?["Bearer ".Length..].Trim();
        if (token is not { Length: > 0 and <= OidcAuthentication.MaxTokenBytes } || Read(token) is not { } jwt)
        {
            return Task.CompletedTask; // validation refuses it with its own message
        }
        if (!OidcAuthentication.Algorithms.Contains(jwt.Alg))
        {
            // Checked before any key is looked at: 'none' and HMAC (a public key used as a shared secret) never reach validation.
            context.Fail(new OidcTokenException(
                $"the token's signature algorithm '{jwt.Alg}' is not one of {string.Join(", ", OidcAuthentication.Algorithms)}"));
        }
        else if (jwt.Kid is { Length: > 0 } kid && !keys.Knows(kid))
        {
            keys.RequestRefresh(); // rate-limited: at most one early read per KeysMinimumRefreshInterval
        }
        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        try
        {
            var directory = context.HttpContext.RequestServices.GetService<IWorkspaceDirectory>();
            context.Principal = await OidcPrincipalFactory.CreateAsync(context.Principal!, oidc, directory, context.HttpContext.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (OidcTokenException e)
        {
            context.Fail(e);
        }
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        LogRefused(logger, OidcFailureText.Describe(context.Exception, oidc));
        if (context.Exception is OidcKeysUnavailableException)
        {
            context.Fail(context.Exception); // JwtBearer rethrows what it did not expect (a 500): no keys is a refusal, said as such
        }
        return Task.CompletedTask;
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = OidcFailureText.Describe(context.AuthenticateFailure, oidc);
        if (context.AuthenticateFailure is OidcTokenException claim)
        {
            LogRefused(logger, claim.Message);
        }
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    public override Task Forbidden(ForbiddenContext context) =>
        WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
            "your OIDC identity holds no role that may do this (roles come from the workspaces' members and the hub's --oidc-admin-group and --oidc-viewer-group)");

    private static JsonWebToken? Read(string token)
    {
        try
        {
            return new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null; // not a JWT: validation refuses it with its own message
        }
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 2653, Level = LogLevel.Information, Message = "An OIDC token was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
