using System.Security.Claims;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Store;
using Edgeplane.Model.Validation;
using Edgeplane.Protocol.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using IdentityError = Edgeplane.Protocol.V1.IdentityError;

namespace Edgeplane.Hub.Api;

/// <summary>
/// <c>POST /api/v1/clusters/{name}/tokens</c> (a bootstrap token for the cluster's agent) and
/// <c>POST /api/v1/clusters/{name}/revoke</c> (drop and refuse the cluster's agent). Both need fleet-admin and are audited;
/// the token's secret is in the answer only, never in a log or the audit entry.
/// </summary>
internal static class ClusterIdentityApi
{
    public static RouteGroupBuilder MapClusterIdentityApi(this RouteGroupBuilder api)
    {
        api.MapPost("/clusters/{name}/tokens", CreateTokenAsync).WithName("CreateBootstrapToken").WithTags("Clusters")
            .RequireAuthorization(HubPolicies.FleetAdmin);
        api.MapPost("/clusters/{name}/revoke", RevokeAsync).WithName("RevokeCluster").WithTags("Clusters")
            .RequireAuthorization(HubPolicies.FleetAdmin);
        return api;
    }

    private static async Task<Results<Created<BootstrapTokenResponse>, ProblemHttpResult>> CreateTokenAsync(
        string name, CreateTokenRequest? body, HttpContext context, BootstrapTokenService tokens, HubCertificateAuthority ca,
        AgentGatewayAddress gateway, IClusterStore clusters, IAuditStore audit, CancellationToken cancellationToken)
    {
        var actor = context.Actor();
        if (!ClusterId.TryParse(name, out var cluster, out var invalid))
        {
            return ApiProblems.BadRequest($"cluster name: {invalid}");
        }
        TimeSpan? ttl = null;
        if (body?.Ttl is { } text)
        {
            // Only the grammar here: the token service owns the bounds (MinTokenTtl..MaxTokenTtl) and audits a refusal.
            if (!Durations.TryParse(text, TimeSpan.MaxValue, zeroAllowed: true, out var parsed, out var error))
            {
                return ApiProblems.BadRequest($"ttl: {error}");
            }
            ttl = parsed;
        }
        if (await clusters.GetClusterAsync(name, cancellationToken).ConfigureAwait(false) is null)
        {
            await audit.AppendAsync(actor, "cluster.token.create", name, "NotFound", null, cancellationToken).ConfigureAwait(false);
            return ApiProblems.NotFound($"cluster '{name}' is not declared in the fleet; add it to the fleet repo and let the hub apply the commit first");
        }
        try
        {
            var created = await tokens.CreateAsync(cluster, ttl, cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(actor, "cluster.token.create", name, "Succeeded",
                $"token {created.Token.Id}, expires {created.ExpiresAt:u}", cancellationToken).ConfigureAwait(false);
            return TypedResults.Created((string?)null, new BootstrapTokenResponse(
                created.Text, created.Token.Id, name, created.ExpiresAt.UtcDateTime, ca.Pin.ToString()) { GatewayUrl = gateway.Url?.GetLeftPart(UriPartial.Authority) });
        }
        catch (IdentityException e) when (e.Error == IdentityError.TokenTtlOutOfRange)
        {
            await audit.AppendAsync(actor, "cluster.token.create", name, "Refused", e.Message, cancellationToken).ConfigureAwait(false);
            return ApiProblems.BadRequest(e.Message);
        }
    }

    private static async Task<Results<Ok<RevocationResponse>, ProblemHttpResult>> RevokeAsync(
        string name, HttpRequest request, HttpContext context, ClusterRevocationService revocation, IAuditStore audit,
        CancellationToken cancellationToken)
    {
        if (!ClusterId.TryParse(name, out var cluster, out var invalid))
        {
            return ApiProblems.BadRequest($"cluster name: {invalid}");
        }
        var body = request.ContentLength is > 0 ? await request.ReadFromJsonAsync<RevokeClusterRequest>(cancellationToken).ConfigureAwait(false) : null;
        var actor = context.Actor();
        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? $"revoked by {actor}" : body.Reason.Trim();
        var revoked = await revocation.RevokeAsync(cluster, reason, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(actor, "cluster.revoke", name, "Succeeded",
            $"{reason}; {revoked.CertificatesRevoked} certificate(s), {revoked.TokensInvalidated} token(s), {revoked.ConnectionsDropped} stream(s) dropped here",
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RevocationResponse(name, revoked.RevokedAt.UtcDateTime, revoked.CertificatesRevoked,
            revoked.TokensInvalidated, revoked.ConnectionsDropped));
    }

}
