using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>The issuer rotates its signing key: the hub reads the JWKS again at once, and the rotated-away key stops working.</summary>
public sealed class OidcKeyRotationTests
{
    [Fact]
    public async Task Principal_IssuerRotatesKey_NewKeyAcceptedAtOnceOldKeyRefused()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        var oldKey = provider.Key;
        using (var before = hub.Client(provider.Mint("ana@example.com", ["platform"])))
        {
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/test/principal")).StatusCode);
        }
        hub.Time.Advance(TimeSpan.FromMinutes(1)); // the minimum interval between key reads; the regular one (1 h) is far
        var newKey = provider.Rotate();
        using var fresh = hub.Client(provider.Mint("ana@example.com", ["platform"], signer: newKey.Credentials));
        using var stale = hub.Client(provider.Mint("ana@example.com", ["platform"], signer: oldKey.Credentials));

        using var accepted = await fresh.GetAsync("/test/principal");
        using var refused = await stale.GetAsync("/test/principal");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2, provider.JwksReads);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("the token's signing key (kid) is not one the issuer publishes", (await refused.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task Principal_UnknownKidsRepeated_KeysReadAgainAtMostOncePerMinimumInterval()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var stranger = TestSigningKey.Create();
        using var client = hub.Client(provider.Mint("mallory@example.com", signer: stranger.Credentials));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/test/principal")).StatusCode);
        }
        var readsWithinInterval = provider.JwksReads;
        hub.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/test/principal")).StatusCode);

        Assert.Equal(1, readsWithinInterval); // the first read; unknown kids within a minute of it read nothing more
        Assert.Equal(2, provider.JwksReads);
    }
}
