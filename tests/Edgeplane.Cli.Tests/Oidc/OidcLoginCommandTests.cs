using System.Text.Json;
using Edgeplane.Cli.HubClient;
using Edgeplane.Cli.Tests.HubCommands;
using Edgeplane.Hub;
using Edgeplane.Hub.Pipeline;
using Edgeplane.Hub.Tests.Auth;
using Edgeplane.Hub.Tests.Infrastructure;
using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Tests.Oidc;

/// <summary>
/// <c>edgeplane login --oidc</c> end to end: the device flow at an in-process provider, the id_token checked by a real
/// hub that trusts that provider, saved 0600, used by later commands and refreshed when it expires.
/// </summary>
[Collection(CliConfigCollection.Name)]
public sealed class OidcLoginCommandTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "edgeplane-cli-oidc", Guid.NewGuid().ToString("N")[..12]);
    private TestOidcProvider _provider = null!;
    private WebApplication _hub = null!;

    private string Config => Path.Combine(_root, "config", "edgeplane.json");

    public async Task InitializeAsync()
    {
        _provider = await TestOidcProvider.StartAsync();
        _provider.Device.Interval = 0; // the command waits on the real clock: the provider asks for no wait
        _provider.Device.Groups = ["platform"];
        var repo = Path.Combine(_root, "repo");
        Repository.Init(repo);
        using (var git = new Repository(repo))
        {
            git.Refs.UpdateTarget("HEAD", "refs/heads/main");
        }
        var options = new HubOptions
        {
            Repo = repo, DataDirectory = Path.Combine(_root, "data"), Listen = "http://127.0.0.1:0", AdminTokenCreated = _ => { },
            Oidc = new OidcOptions { Issuer = _provider.Issuer, Audience = TestOidcProvider.Audience, AdminGroups = ["platform"] },
        };
        _hub = HubApplication.Build(options, [], b =>
        {
            b.Logging.ClearProviders();
            b.Services.AddSingleton<IRevisionCompiler>(new TestFleetCompiler());
        });
        await _hub.StartAsync();
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", Config);
    }

    [Fact]
    public async Task Login_Oidc_SavesTheIdTokenMode0600_ThenCommandsUseIt()
    {
        var login = await HubCli.RunAsync("login", "--oidc", "--issuer", _provider.Issuer, "--client-id", "edgeplane", "--hub", _hub.Urls.First());
        var status = await HubCli.RunAsync("status", "-o", "json");

        Assert.Equal(0, login.ExitCode);
        Assert.Contains("enter the code WDJB-MJHT", login.Out);
        Assert.Contains($"logged in to {_hub.Urls.First()}/ through {_provider.Issuer}", login.Out);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Config));
        }
        var saved = Saved();
        Assert.Equal((_provider.Issuer, "edgeplane", "refresh-1"), (saved.Oidc!.Issuer, saved.Oidc.ClientId, saved.Oidc.RefreshToken));
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("\"clusters\"", status.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_OidcDenied_ExitsOneAndSavesNothing()
    {
        _provider.Device.Script("access_denied");

        var login = await HubCli.RunAsync("login", "--oidc", "--issuer", _provider.Issuer, "--hub", _hub.Urls.First());

        Assert.Equal(1, login.ExitCode);
        Assert.Equal("error: the sign-in was denied at the issuer", login.Error.Trim());
        Assert.False(File.Exists(Config));
    }

    [Theory]
    [InlineData("error: --oidc needs --issuer URL: the OpenID Connect issuer the hub trusts (its --oidc-issuer)", "--oidc", "--hub", "http://127.0.0.1:1")]
    [InlineData("error: --issuer must be an https URL (http only on a loopback address), got 'http://dex.example.com/dex'",
        "--oidc", "--issuer", "http://dex.example.com/dex", "--hub", "http://127.0.0.1:1")]
    [InlineData("error: --hub is required (no login is saved yet): the hub's URL, e.g. https://hub.example.com:8443", "--oidc", "--issuer", "https://dex.example.com/dex")]
    [InlineData("error: --hub is required: the hub's URL, e.g. http://127.0.0.1:8080", "--token", "ep_x")]
    public async Task Login_BadFlags_ExitsTwoAndSavesNothing(string error, params string[] flags)
    {
        var login = await HubCli.RunAsync(["login", .. flags]);

        Assert.Equal(2, login.ExitCode);
        Assert.Equal(error, login.Error.Trim());
        Assert.False(File.Exists(Config));
    }

    [Fact]
    public async Task Session_IdTokenExpired_RefreshedWithTheRefreshTokenAndSavedAgain()
    {
        var stale = new CliConfig(_hub.Urls.First(), "expired.id.token", null,
            new CliOidcLogin(_provider.Issuer, "edgeplane", "refresh-1", DateTimeOffset.UtcNow.AddSeconds(30)));
        stale.Save(Config);

        var current = await OidcSession.CurrentAsync(stale, Config, TimeProvider.System, null, default);

        Assert.NotEqual("expired.id.token", current.Token);
        Assert.Equal("refresh-2", current.Oidc!.RefreshToken);
        Assert.Equal(current, Saved() with { Oidc = Saved().Oidc });
        Assert.Equal(current.Token, Saved().Token);
        Assert.Equal(["refresh_token edgeplane"], _provider.Device.Polls);
    }

    [Fact]
    public async Task Session_ExpiredWithoutRefreshToken_AsksToLogInAgainAndChangesNothing()
    {
        var stale = new CliConfig(_hub.Urls.First(), "expired.id.token", null,
            new CliOidcLogin(_provider.Issuer, "edgeplane", null, DateTimeOffset.UtcNow.AddMinutes(-1)));
        stale.Save(Config);
        var before = await File.ReadAllTextAsync(Config);

        var status = await HubCli.RunAsync("status");

        Assert.Equal(2, status.ExitCode);
        Assert.StartsWith("error: the OIDC login expired at ", status.Error);
        Assert.EndsWith("and the issuer gave no refresh token; run 'edgeplane login --oidc' again", status.Error.Trim());
        Assert.Equal(before, await File.ReadAllTextAsync(Config));
        Assert.Empty(_provider.Device.Polls);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", null);
        await _hub.DisposeAsync();
        await _provider.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private CliConfig Saved() => JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(Config), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}
