using System.Net;
using System.Net.Http.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Tests.Infrastructure;

namespace Edgeplane.Hub.Tests.Auth;

/// <summary>
/// Forged, foreign and broken JWTs, each claiming the fleet-admin group, are refused with 401 and a problem detail that
/// says why; the fleet-admin call they attempt (a bootstrap token) does not happen.
/// </summary>
public sealed class OidcTokenRejectionTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "alg-none", "the token's signature algorithm 'none' is not one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512" },
        { "hs256-with-rsa-public-key", "the token's signature algorithm 'HS256' is not one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512" },
        { "wrong-audience", "the token's audience (aud) is not 'edgeplane'" },
        { "wrong-issuer", "the token's issuer (iss) is not '{issuer}'" },
        { "expired", "the token has expired" },
        { "no-exp", "the token has no expiry (exp)" },
        { "unknown-kid", "the token's signing key (kid) is not one the issuer publishes" },
        { "empty-username", "the token has no 'email' claim, or it is empty: the hub cannot tell who the caller is" },
        { "no-username", "the token has no 'email' claim, or it is empty: the hub cannot tell who the caller is" },
        { "two-usernames", "the token's 'email' claim has 2 values; it must be one string" },
        { "username-with-bidi-override", "the token's 'email' claim is longer than 256 characters, has surrounding spaces, or control or invisible characters" },
        { "email-not-verified", "the token's email is not verified (email_verified is false)" },
        { "not-a-jwt", "the bearer token is neither an API token (ep_…) nor a well-formed JWT" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CreateBootstrapToken_BadJwt_Returns401WithReasonAndDoesNothing(string kind, string detail)
    {
        await using var provider = await TestOidcProvider.StartAsync();
        await using var hub = await OidcHubHost.StartAsync(provider);
        using var client = hub.Client(Forge(provider, kind));

        using var response = await client.PostAsJsonAsync("/api/v1/clusters/edge-site-1/tokens", new CreateTokenRequest("1h"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        var problem = (await response.Content.ReadFromJsonAsync<ProblemBody>())!;
        Assert.Equal(401, problem.Status);
        Assert.Equal(detail.Replace("{issuer}", provider.Issuer, StringComparison.Ordinal), problem.Detail);
        using var admin = hub.Client(hub.AdminToken);
        var audit = (await admin.GetFromJsonAsync<PageResponse<AuditEntryResponse>>("/api/v1/audit?limit=1000", HubHost.Json))!;
        Assert.DoesNotContain(audit.Items, a => a.Action == "cluster.token.create");
    }

    private static string Forge(TestOidcProvider provider, string kind)
    {
        const string email = "mallory@example.com";
        string[] admin = ["platform"];
        var past = DateTimeOffset.UtcNow.AddMinutes(-70);
        using var stranger = kind == "unknown-kid" ? TestSigningKey.Create() : null;
        return kind switch
        {
            "alg-none" => provider.MintUnsigned(email),
            "hs256-with-rsa-public-key" => provider.Mint(email, admin, signer: provider.Key.PublicKeyAsHmacSecret),
            "wrong-audience" => provider.Mint(email, admin, c => c["aud"] = "another-client"),
            "wrong-issuer" => provider.Mint(email, admin, c => c["iss"] = "https://evil.example.com/dex"),
            "expired" => provider.Mint(email, admin, c => (c["iat"], c["nbf"], c["exp"]) =
                (past.ToUnixTimeSeconds(), past.ToUnixTimeSeconds(), past.AddMinutes(60).ToUnixTimeSeconds())),
            "no-exp" => provider.Mint(email, admin, c => c.Remove("exp")),
            "unknown-kid" => provider.Mint(email, admin, signer: stranger!.Credentials),
            "empty-username" => provider.Mint("", admin),
            "no-username" => provider.Mint(null, admin),
            "two-usernames" => provider.Mint(email, admin, c => c["email"] = new[] { email, "ana@example.com" }),
            "username-with-bidi-override" => provider.Mint("ana\u202E@example.com", admin),
            "email-not-verified" => provider.Mint(email, admin, c => c["email_verified"] = false),
            "not-a-jwt" => "not.a.jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
