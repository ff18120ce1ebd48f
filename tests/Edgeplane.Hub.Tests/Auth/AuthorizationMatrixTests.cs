using System.Net;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>Every endpoint × every role: the matrix is complete, explicit, and what the hub answers.</summary>
public sealed class AuthorizationMatrixTests
{
    [Fact]
    public async Task EveryEndpoint_HasARuleInTheMatrix_AndNamesItExplicitly()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);
        var endpoints = ((IEndpointRouteBuilder)scenario.Host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var rule = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) ?? "(none)";
            foreach (var method in methods)
            {
                found[$"{method} {endpoint.RoutePattern.RawText}"] = rule;
            }
        }

        Assert.Equal(AuthorizationMatrix.Endpoints.Keys.Order(), found.Keys.Order());
        Assert.All(found, e => Assert.Equal((e.Key, AuthorizationMatrix.Endpoints[e.Key].Rule), (e.Key, e.Value)));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("viewer")]
    [InlineData("viewer:ran")]
    [InlineData("workspace-member:ran")]
    [InlineData("workspace-admin:ran")]
    [InlineData("fleet-admin")]
    public async Task EveryEndpoint_AnswersThisCallerAsTheMatrixSays(string caller)
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var token = await TokenAsync(scenario.Host, caller);

        var wrong = new List<string>();
        foreach (var (key, (rule, path, body)) in AuthorizationMatrix.Endpoints)
        {
            using var response = await Callers.SendAsync(scenario.Host, token, key[..key.IndexOf(' ', StringComparison.Ordinal)],
                path.Replace("{sha}", scenario.InitialSha, StringComparison.Ordinal), body);
            var allowed = AuthorizationMatrix.Allowed[rule].Contains(caller);
            var expected = allowed ? "allowed" : caller == "none" ? "401" : "403";
            var actual = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized when !key.Contains("webhooks", StringComparison.Ordinal) => "401",
                HttpStatusCode.Forbidden => "403",
                _ => "allowed",
            };
            if (expected != actual)
            {
                wrong.Add($"{key} as {caller}: expected {expected}, got {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task ForgedViewerMutations_403_NothingChanged()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite, compiler: new WorkspaceTestCompiler());
        var viewer = await Callers.MintAsync(scenario.Host, HubRoles.Viewer);
        var member = await Callers.MintAsync(scenario.Host, HubRoles.WorkspaceMember, "ran");
        var before = (await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit")).Items.Select(a => a.Id).ToList();

        foreach (var token in new[] { viewer, member })
        {
            foreach (var (method, path, body) in new (string, string, string?)[]
            {
                ("POST", $"/api/v1/revisions/{scenario.InitialSha}/approve", null), ("POST", "/api/v1/rollouts/1/pause", null),
                ("POST", "/api/v1/clusters/edge-site-1/revoke", "{}"), ("POST", "/api/v1/clusters/edge-site-1/tokens", "{}"),
                ("POST", "/api/v1/tokens", """{"subject":"user:x@example.com","role":"fleet-admin"}"""), ("POST", "/api/v1/tokens/rotate-admin", null),
                ("DELETE", "/api/v1/tokens/anything", null),
            })
            {
                using var response = await Callers.SendAsync(scenario.Host, token, method, path, body);
                Assert.Equal((path, HttpStatusCode.Forbidden), (path, response.StatusCode));
            }
        }

        // Each refusal is audited as api.denied, and nothing else happened.
        var added = (await scenario.Host.GetAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=1000")).Items.Where(a => !before.Contains(a.Id)).ToList();
        Assert.Equal(14, added.Count);
        Assert.All(added, a => Assert.Equal(("api.denied", "Denied"), (a.Action, a.Outcome)));
        Assert.Equal(3, (await scenario.Host.GetAsync<PageResponse<ApiTokenResponse>>("/api/v1/tokens")).Items.Count);
        using var admin = await Callers.SendAsync(scenario.Host, scenario.Token, "GET", "/api/v1/clusters/edge-site-1");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    private static async Task<string?> TokenAsync(HubHost host, string caller)
    {
        if (caller == "none")
        {
            return null;
        }
        var grant = HubGrant.Parse(caller);
        return await Callers.MintAsync(host, grant.Role, grant.Workspace, grant.Role == HubRoles.FleetAdmin ? "user:root@example.com" : null);
    }
}
