using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>The issuer's discovery document and keys: an issuer that is down or names another issuer gives no keys; last good keys outlive an outage.</summary>
public sealed class OidcKeySourceTests
{
    [Fact]
    public async Task Principal_IssuerDownAtFirstUse_Returns401WithTheReason_ApiTokensStillWork()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        provider.Down = true;
        using var client = hub.Client(provider.Mint("ana@example.com", ["platform"]));
        using var admin = hub.Client(hub.AdminToken);

        using var refused = await client.GetAsync("/api/v1/clusters");
        using var again = await client.GetAsync("/api/v1/clusters");
        using var withApiToken = await admin.GetAsync("/api/v1/clusters");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith($"the OIDC issuer's keys could not be read from {provider.Issuer}/.well-known/openid-configuration: ",
            (await refused.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withApiToken.StatusCode);
        Assert.Equal(0, provider.JwksReads);
    }

    [Fact]
    public async Task Principal_DiscoveryNamesAnotherIssuer_KeysNotUsed_Returns401()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        provider.AdvertisedIssuer = "https://evil.example.com/dex";
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var client = hub.Client(provider.Mint("ana@example.com", ["platform"], c => c["iss"] = "https://evil.example.com/dex"));

        using var response = await client.GetAsync("/api/v1/clusters");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"the OIDC issuer's keys could not be read from {provider.Issuer}/.well-known/openid-configuration: " +
            $"its discovery document names issuer 'https://evil.example.com/dex', not '{provider.Issuer}'",
            (await response.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task Principal_IssuerDownAfterKeysWereRead_LastKeysStayInUse()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var client = hub.Client(provider.Mint("ana@example.com", ["platform"]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/test/principal")).StatusCode);
        provider.Down = true;
        hub.Time.Advance(TimeSpan.FromHours(1)); // the keys are due to be read again

        using var response = await client.GetAsync("/test/principal");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user:ana@example.com", (await response.Content.ReadFromJsonAsync<PrincipalView>())!.Name);
    }
}
