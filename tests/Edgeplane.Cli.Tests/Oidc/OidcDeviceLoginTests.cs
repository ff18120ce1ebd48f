using Edgeplane.Cli.HubClient;
using Edgeplane.Hub.Tests.Auth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Edgeplane.Cli.Tests.Oidc;

/// <summary>The device authorization grant (RFC 8628) against a real in-process provider, on a clock that never sleeps.</summary>
public sealed class OidcDeviceLoginTests
{
    private static readonly TimeSpan Five = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Login_ApprovedAfterTwoPendingPolls_ReturnsTheIdTokenAndShowsTheCode()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        provider.Device.Script("authorization_pending", "authorization_pending", "ok");
        var (time, output) = (new JumpingTime(DateTimeOffset.UtcNow), new StringWriter());
        using var http = OidcHttp.Create();

        var tokens = await new OidcDeviceLogin(http, time).LoginAsync(new Uri(provider.Issuer), "edgeplane", output, TimeSpan.FromMinutes(5), default);

        Assert.Equal("ana@example.com", new JsonWebToken(tokens.IdToken).GetClaim("email").Value);
        Assert.Equal("refresh-1", tokens.RefreshToken);
        Assert.Equal(new JsonWebToken(tokens.IdToken).ValidTo, tokens.ExpiresAt.UtcDateTime);
        Assert.Equal($"To sign in, open {provider.Issuer}/device and enter the code WDJB-MJHT{Environment.NewLine}" +
            $"  (or open {provider.Issuer}/device?user_code=WDJB-MJHT){Environment.NewLine}", output.ToString());
        Assert.Equal([Five, Five, Five], time.Waits);
        Assert.Equal(3, provider.Device.Polls.Count);
        Assert.All(provider.Device.Polls, p => Assert.Equal("urn:ietf:params:oauth:grant-type:device_code edgeplane", p));
    }

    [Fact]
    public async Task Login_SlowDown_WaitsFiveSecondsLongerFromThenOn()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        provider.Device.Script("slow_down", "authorization_pending", "ok");
        var time = new JumpingTime(DateTimeOffset.UtcNow);
        using var http = OidcHttp.Create();

        await new OidcDeviceLogin(http, time).LoginAsync(new Uri(provider.Issuer), "edgeplane", TextWriter.Null, TimeSpan.FromMinutes(5), default);

        Assert.Equal([Five, Five * 2, Five * 2], time.Waits);
    }

    [Theory]
    [InlineData("access_denied", "the sign-in was denied at the issuer")]
    [InlineData("expired_token", "the code expired before the sign-in was approved; run 'edgeplane login --oidc' again")]
    [InlineData("invalid_grant", "the issuer refused the device code: invalid_grant: test provider says invalid_grant")]
    public async Task Login_IssuerEndsTheFlow_FailsWithTheReasonAfterOnePoll(string answer, string message)
    {
        await using var provider = await TestOidcProvider.StartAsync();
        provider.Device.Script("authorization_pending", answer);
        using var http = OidcHttp.Create();

        var error = await Assert.ThrowsAsync<HubClientException>(() =>
            new OidcDeviceLogin(http, new JumpingTime(DateTimeOffset.UtcNow)).LoginAsync(new Uri(provider.Issuer), "edgeplane", TextWriter.Null, TimeSpan.FromMinutes(5), default));

        Assert.Equal(message, error.Message);
        Assert.Equal(2, provider.Device.Polls.Count);
    }

    [Theory]
    [InlineData(600, 30, "the sign-in was not approved within 30 s; run 'edgeplane login --oidc' again", 5)]
    [InlineData(20, 300, "the sign-in was not approved within 20 s; run 'edgeplane login --oidc' again", 3)]
    public async Task Login_NeverApproved_StopsAtTheTimeoutOrTheCodesExpiry(int expiresIn, int timeout, string message, int polls)
    {
        await using var provider = await TestOidcProvider.StartAsync();
        provider.Device.Script("authorization_pending");
        provider.Device.ExpiresIn = expiresIn;
        using var http = OidcHttp.Create();

        var error = await Assert.ThrowsAsync<HubClientException>(() => new OidcDeviceLogin(http, new JumpingTime(DateTimeOffset.UtcNow))
            .LoginAsync(new Uri(provider.Issuer), "edgeplane", TextWriter.Null, TimeSpan.FromSeconds(timeout), default));

        Assert.Equal(message, error.Message);
        Assert.Equal(polls, provider.Device.Polls.Count);
    }

    [Fact]
    public async Task Login_UnknownClient_FailsBeforeShowingACode()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        var output = new StringWriter();
        using var http = OidcHttp.Create();

        var error = await Assert.ThrowsAsync<HubClientException>(() => new OidcDeviceLogin(http, new JumpingTime(DateTimeOffset.UtcNow))
            .LoginAsync(new Uri(provider.Issuer), "someone-else", output, TimeSpan.FromMinutes(5), default));

        Assert.Equal("the issuer refused to start a device login for client 'someone-else': invalid_client", error.Message);
        Assert.Empty(output.ToString());
        Assert.Empty(provider.Device.Polls);
    }
}
