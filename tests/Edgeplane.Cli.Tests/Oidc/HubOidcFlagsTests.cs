using Edgeplane.Cli.Tests.HubCommands;

namespace Edgeplane.Cli.Tests.Oidc;

/// <summary><c>edgeplane hub --oidc-…</c>: bad OIDC flags are usage errors (exit 2) that name the flag, and nothing is created.</summary>
public sealed class HubOidcFlagsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "edgeplane-cli-oidc", Guid.NewGuid().ToString("N")[..12]);

    [Theory]
    [InlineData("the OIDC audience (--oidc-audience) is empty; it is required with --oidc-issuer: the client id tokens are issued to, e.g. edgeplane",
        "--oidc-issuer", "https://dex.example.com/dex")]
    [InlineData("the OIDC issuer (--oidc-issuer) 'http://dex.example.com/dex' must be https (plain http only on a loopback address, for tests)",
        "--oidc-issuer", "http://dex.example.com/dex", "--oidc-audience", "edgeplane")]
    [InlineData("the OIDC issuer (--oidc-issuer) 'dex' must be an absolute https:// URL without query or fragment",
        "--oidc-issuer", "dex", "--oidc-audience", "edgeplane")]
    [InlineData("the OIDC clock skew (--oidc-clock-skew) is 00:10:00; it must be between 0 and 00:05:00",
        "--oidc-issuer", "https://dex.example.com/dex", "--oidc-audience", "edgeplane", "--oidc-clock-skew", "600")]
    [InlineData("the OIDC username claim (--oidc-username-claim) is empty; e.g. email",
        "--oidc-issuer", "https://dex.example.com/dex", "--oidc-audience", "edgeplane", "--oidc-username-claim", "")]
    [InlineData("the OIDC scopes (--oidc-scope) 'email groups' must include openid, or the issuer gives no ID token",
        "--oidc-issuer", "https://dex.example.com/dex", "--oidc-audience", "edgeplane", "--oidc-scope", "email", "--oidc-scope", "groups")]
    [InlineData("the OIDC scope (--oidc-scope) 'email profile' is not a scope: 1 to 128 printable ASCII characters without spaces, quotes or backslashes",
        "--oidc-issuer", "https://dex.example.com/dex", "--oidc-audience", "edgeplane", "--oidc-scope", "openid", "--oidc-scope", "email profile")]
    [InlineData("--oidc-audience needs --oidc-issuer", "--oidc-audience", "edgeplane")]
    [InlineData("--oidc-scope needs --oidc-issuer", "--oidc-scope", "openid")]
    [InlineData("--oidc-admin-group needs --oidc-issuer", "--oidc-admin-group", "platform")]
    public async Task Hub_BadOidcFlags_ExitsTwoNamingTheFlag_CreatesNothing(string error, params string[] flags)
    {
        var data = Path.Combine(_root, "data");

        var run = await HubCli.RunAsync(["hub", "--repo", Path.Combine(_root, "repo"), "--data", data, "--listen", "http://127.0.0.1:0",
            "--gateway-listen", "none", .. flags]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {error}", run.Error.Trim());
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Hub_Help_ListsTheOidcFlagsWithDefaults()
    {
        var run = await HubCli.RunAsync("hub", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var flag in new[] { "--oidc-issuer", "--oidc-audience", "--oidc-username-claim", "--oidc-groups-claim", "--oidc-admin-group",
            "--oidc-viewer-group", "--oidc-scope", "--oidc-clock-skew" })
        {
            Assert.Contains(flag, run.Out);
        }
        Assert.Matches(@"--oidc-username-claim[^\n]*\n?[^\n]*\[default: email\]", run.Out);
        Assert.Matches(@"--oidc-clock-skew[^\n]*\n?[^\n]*\[default: 60\]", run.Out);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
