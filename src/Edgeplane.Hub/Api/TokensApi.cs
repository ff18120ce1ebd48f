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

/// <summary>
/// <c>/api/v1/tokens</c>: API tokens for people and automation. A fleet-admin manages every token; a workspace-admin only
/// the workspace-member and viewer tokens of the workspaces it administers (others' tokens are 404 to it). The secret is in
/// the creation answer only; lists never show it or its hash. Creation, revocation and rotation are audited naming the
/// token's subject and id, by the caller's subject.
/// </summary>
internal static partial class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tokens", CreateAsync).WithName("CreateApiToken").WithTags("Tokens").RequireAuthorization(HubPolicies.TokenAdmin);
        api.MapGet("/tokens", ListAsync).WithName("ListApiTokens").WithTags("Tokens").RequireAuthorization(HubPolicies.TokenAdmin);
        api.MapDelete("/tokens/{id}", RevokeAsync).WithName("RevokeApiToken").WithTags("Tokens").RequireAuthorization(HubPolicies.TokenAdmin);
        api.MapPost("/tokens/rotate-admin", RotateAdminAsync).WithName("RotateAdminToken").WithTags("Tokens")
            .RequireAuthorization(HubPolicies.FleetAdmin);
        return api;
    }

    private static async Task<Results<Created<CreatedApiTokenResponse>, ProblemHttpResult>> CreateAsync(
        CreateApiTokenRequest? body, HttpContext context, ITokenStore tokens, IWorkspaceStore workspaces, HubOptions options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (Validate(body, options.Limits, out var ttl) is { } invalid)
        {
            return ApiProblems.BadRequest(invalid);
        }
        var user = context.User;
        var scope = CallerScope.Of(user);
        if (MayGrant(scope, body!.Role!, body.Workspace) is { } refused)
        {
            return Forbidden(refused);
        }
        if (body.Workspace is { } workspace && !await workspaces.ExistsAsync(workspace, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.BadRequest($"workspace: '{workspace}' is not a Workspace of the fleet's last applied revision");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var (secret, record) = ApiTokens.Create(body.Subject!, body.Role!, now);
        record = record with
        {
            Subject = body.Subject!, Workspace = body.Workspace, ExpiresAt = now + ttl, Description = body.Description,
            CreatedBy = CallerScope.Subject(user),
        };
        await tokens.AddTokenAsync(record, context.Actor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/tokens/{record.Id}", Created(record, secret, []));
    }

    private static async Task<Results<Ok<PageResponse<ApiTokenResponse>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, ITokenStore tokens, HubOptions options, TimeProvider time, CancellationToken cancellationToken,
        int? limit = null, [FromQuery(Name = "continue")] string? continueToken = null)
    {
        var scope = CallerScope.Of(user);
        var now = time.GetUtcNow().UtcDateTime;
        return await Paging.ListAsync(limit, continueToken, options.Limits,
            (size, token) => tokens.ListTokensAsync(size, token, scope.IsFleetAdmin ? null : scope.AdminOf, cancellationToken),
            t => View(t, now)).ConfigureAwait(false);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, HttpContext context, ITokenStore tokens, CancellationToken cancellationToken)
    {
        var scope = CallerScope.Of(context.User);
        var token = await tokens.GetTokenAsync(id, cancellationToken).ConfigureAwait(false);
        if (token is null || !(scope.IsFleetAdmin || (token.Workspace is { } ws && scope.AdminOf.Contains(ws))))
        {
            return ApiProblems.NotFound($"token '{id}' not found");
        }
        await tokens.RevokeTokenAsync(id, context.Actor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Created<CreatedApiTokenResponse>> RotateAdminAsync(
        HttpContext context, ITokenStore tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = context.User;
        var (secret, record) = ApiTokens.Create(AdminTokenBootstrap.Name, HubRoles.FleetAdmin, time.GetUtcNow().UtcDateTime);
        record = record with { Description = "admin token (rotated)", CreatedBy = CallerScope.Subject(user) };
        var revoked = await tokens.RotateAdminAsync(record, context.Actor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/tokens/{record.Id}", Created(record, secret, revoked));
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static CreatedApiTokenResponse Created(ApiToken t, string secret, IReadOnlyList<string> revoked) =>
        new(t.Id, secret, t.Subject, t.Role, t.Workspace, t.ExpiresAt, t.Description, t.CreatedAt, t.CreatedBy, revoked);

    private static ApiTokenResponse View(ApiToken t, DateTime now) =>
        new(t.Id, t.Subject, t.Role, t.Workspace, t.ExpiresAt, t.Description, t.CreatedAt, t.CreatedBy, t.RevokedAt,
            t.Revoked ? "revoked" : t.IsExpired(now) ? "expired" : "active");
}
