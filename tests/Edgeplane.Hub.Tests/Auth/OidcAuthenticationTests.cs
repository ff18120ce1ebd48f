using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Auth;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>A valid OIDC token becomes the hub principal of the contract (HubClaims); API tokens keep working beside it.</summary>
public sealed class OidcAuthenticationTests
{
    [Fact]
    public async Task Principal_ValidTokenWithGroups_MapsUserAndGroupsThroughTheWorkspaces()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        var directory = new FakeWorkspaceDirectory(new()
        {
            ["group:ran-team"] = [new HubGrant(HubRoles.WorkspaceMember, "ran")],
            ["user:ana@example.com"] = [new HubGrant(HubRoles.WorkspaceAdmin, "core")],
        });
        await using var hub = await OidcHubHost.StartAsync(provider, directory);
        using var client = hub.Client(provider.Mint("ana@example.com", ["ran-team", "lunch-club"]));

        var principal = (await client.GetFromJsonAsync<PrincipalView>("/test/principal"))!;

        Assert.Equal(("user:ana@example.com", "oidc", "CiQana@example.com"), (principal.Name, principal.Method, principal.Subject));
        Assert.Equal(["workspace-admin:core", "workspace-member:ran"], principal.Grants);
        Assert.Equal(["workspace-admin", "workspace-member"], principal.Roles);
        Assert.Equal(["user:ana@example.com", "group:ran-team", "group:lunch-club"], Assert.Single(directory.Asked));
    }

    [Theory]
    [InlineData("platform", "fleet-admin")]
    [InlineData("auditors", "viewer")]
    public async Task ListClusters_TokenInAFleetGroup_ReadsWithThatRole(string group, string role)
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var client = hub.Client(provider.Mint("ops@example.com", [group]));

        using var clusters = await client.GetAsync("/api/v1/clusters");
        var principal = await client.GetFromJsonAsync<PrincipalView>("/test/principal");

        Assert.Equal(HttpStatusCode.OK, clusters.StatusCode);
        Assert.Equal([role], principal!.Grants);
    }

    [Fact]
    public async Task CreateBootstrapToken_AdminGroupMember_CreatedAndAuditedAsTheUserWithTheOidcSubject()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var client = hub.Client(provider.Mint("ops@example.com", ["platform"]));

        using var response = await client.PostAsJsonAsync("/api/v1/clusters/edge-site-1/tokens", new CreateTokenRequest("1h"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var admin = hub.Client(hub.AdminToken);
        var audit = (await admin.GetFromJsonAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=1000", HubHost.Json))!;
        var entry = Assert.Single(audit.Items, a => a.Action == "cluster.token.create");
        Assert.Equal(("user:ops@example.com", "oidc:CiQops@example.com", "Succeeded"), (entry.Actor, entry.Credential, entry.Outcome));
    }

    [Fact]
    public async Task RevokeCluster_TokenWithNoRole_Returns403AndRevokesNothing()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider, new FakeWorkspaceDirectory([]));
        using var client = hub.Client(provider.Mint("eve@example.com", ["lunch-club"]));

        using var response = await client.PostAsync("/api/v1/clusters/edge-site-1/revoke", null);
        var principal = (await client.GetFromJsonAsync<PrincipalView>("/test/principal"))!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("your OIDC identity holds no role that may do this", (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(("user:eve@example.com", "oidc"), (principal.Name, principal.Method));
        Assert.Empty(principal.Grants);
        Assert.Empty(principal.Roles);
        using var admin = hub.Client(hub.AdminToken);
        var audit = (await admin.GetFromJsonAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=1000", HubHost.Json))!;
        Assert.DoesNotContain(audit.Items, a => a.Action.Contains("revoke", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListClusters_ApiTokenWithOidcOn_StillGoesToTheApiTokenScheme()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var admin = hub.Client(hub.AdminToken);
        using var unknown = hub.Client("ep_00000000_" + new string('A', 43));

        using var ok = await admin.GetAsync("/api/v1/clusters");
        using var refused = await unknown.GetAsync("/api/v1/clusters");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("unknown or revoked token", (await refused.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(0, provider.JwksReads); // an API token never makes the hub read the issuer's keys
    }

    [Fact]
    public async Task ListClusters_NoAuthorizationHeader_Returns401AsBefore()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var anonymous = new HttpClient { BaseAddress = hub.BaseAddress };

        using var response = await anonymous.GetAsync("/api/v1/clusters");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("this endpoint needs an API token: send 'Authorization: Bearer <token>'",
            (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }
}
