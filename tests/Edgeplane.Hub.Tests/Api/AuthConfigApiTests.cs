using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Auth;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Api;

/// <summary>
/// <c>GET /api/v1/auth/config</c>: what the dashboard's sign-in page needs before anyone signs in, without a token, and
/// nothing secret.
/// </summary>
public sealed class AuthConfigApiTests
{
    [Fact]
    public async Task AuthConfig_WithoutOidc_SaysNone_WithoutAToken()
    {
        await using var scenario = await HubScenario.StartAsync(StoreKind.Sqlite);

        using var response = await scenario.Host.Anonymous.GetAsync("/api/v1/auth/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"oidc":null}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AuthConfig_WithOidc_NamesTheIssuerClientAndScopes_NothingElse_WithoutAToken()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider, configure: o => o with { Scopes = ["openid", "email", "roles"] });
        using var anonymous = new HttpClient { BaseAddress = hub.BaseAddress };

        using var response = await anonymous.GetAsync("/api/v1/auth/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var oidc = body["oidc"]!.AsObject();
        Assert.Equal(["clientId", "issuer", "scopes"], oidc.Select(p => p.Key).Order(StringComparer.Ordinal));
        var config = (await response.Content.ReadFromJsonAsync<AuthConfigResponse>(HubHost.Json))!.Oidc!;
        Assert.Equal((provider.Issuer, TestOidcProvider.Audience), (config.Issuer, config.ClientId));
        Assert.Equal(["openid", "email", "roles"], config.Scopes);
    }

    [Fact]
    public async Task AuthConfig_WithOidcDefaults_AsksForDexsScopes()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var anonymous = new HttpClient { BaseAddress = hub.BaseAddress };

        var config = (await anonymous.GetFromJsonAsync<AuthConfigResponse>("/api/v1/auth/config", HubHost.Json))!;

        Assert.Equal(["openid", "email", "profile", "groups"], config.Oidc!.Scopes);
    }
}
