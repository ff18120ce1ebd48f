using System.Text.Json;
using Edgeplane.Cli.Tests.HubCommands;
using Edgeplane.Cli.Tests.Rollouts;
using Edgeplane.Hub.Api.Contracts;

namespace Edgeplane.Cli.Tests.Access;

/// <summary><c>edgeplane access token create|list|revoke|rotate-admin</c> against a stub hub serving the contract's JSON.</summary>
[Collection(CliConfigCollection.Name)]
public sealed class AccessCommandTests : IAsyncLifetime
{
    private static readonly DateTime Created = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
    private const string Secret = "ep_1a2b3c4d_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";
    private StubHub _hub = null!;

    public async Task InitializeAsync() => _hub = await StubHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private Task<CliRun> Run(params string[] args) => CliRun.Of([.. args, .. _hub.Connection]);

    private static CreatedApiTokenResponse Token(string id = "1a2b3c4d", string secret = Secret, IReadOnlyList<string>? revoked = null) =>
        new(id, secret, "user:ana@example.com", "viewer", null, Created.AddDays(30), "dashboards", Created, "token:admin", revoked ?? []);

    [Fact]
    public async Task Create_Table_PrintsTheSecretOnce_WarnsOnStderr_SendsEveryField()
    {
        _hub.On("POST /api/v1/tokens", 201, RolloutSamples.Json(Token()));

        var run = await Run("access", "token", "create", "--subject", "user:ana@example.com", "--role", "viewer", "--ttl", "30d",
            "--description", "dashboards");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"""
            {Secret}

            Token 1a2b3c4d for user:ana@example.com: viewer (whole fleet), expires 2027-01-06 12:00:00Z.

            """, run.Out.ReplaceLineEndings("\n"));
        Assert.Equal("warning: this is the only time the token's secret is shown; the hub keeps only its hash. Store it now.\n",
            run.Error.ReplaceLineEndings("\n"));
        var (route, body) = Assert.Single(_hub.Bodies);
        Assert.Equal("POST /api/v1/tokens", route);
        var sent = JsonSerializer.Deserialize<CreateApiTokenRequest>(body, Cli.HubClient.HubApiClient.Json);
        Assert.Equal(new CreateApiTokenRequest("user:ana@example.com", "viewer", null, "30d", "dashboards"), sent);
    }

    [Fact]
    public async Task Create_Json_TheAnswerAsItIs_WithWorkspace()
    {
        var token = Token() with { Role = "workspace-member", Workspace = "ran" };
        _hub.On("POST /api/v1/tokens", 201, RolloutSamples.Json(token));

        var run = await Run("access", "token", "create", "--subject", "user:ana@example.com", "--role", "workspace-member", "--workspace", "ran", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RolloutCli.Compact(RolloutSamples.Json(token)), RolloutCli.Compact(run.Out));
        Assert.Contains("only time the token's secret is shown", run.Error);
    }

    [Fact]
    public async Task Create_UnknownRole_ExitsTwo_NothingSent()
    {
        var run = await Run("access", "token", "create", "--subject", "user:ana@example.com", "--role", "root");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("root", run.Error);
        Assert.Empty(_hub.Requests);
    }

    [Fact]
    public async Task Create_HubRefuses_ExitsOneWithTheProblem()
    {
        _hub.On("POST /api/v1/tokens", 403, RolloutSamples.Problem(403, "you are not a workspace-admin of workspace 'core'"));

        var run = await Run("access", "token", "create", "--subject", "user:x", "--role", "viewer", "--workspace", "core");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal("error: hub answered 403 Forbidden: you are not a workspace-admin of workspace 'core'\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task List_Table_OneRowPerToken_NeverASecret()
    {
        _hub.On("GET /api/v1/tokens?limit=1000", RolloutSamples.Json(new PageResponse<ApiTokenResponse>(
        [
            new("0a0b0c0d", "token:admin", "fleet-admin", null, null, null, Created, null, null, "active"),
            new("1a2b3c4d", "user:lena@example.com", "workspace-member", "ran", Created.AddDays(30), "ci", Created, "token:admin", null, "active"),
            new("9f8e7d6c", "user:old@example.com", "viewer", null, Created.AddDays(-1), null, Created.AddDays(-9), "token:admin", Created.AddDays(-2), "revoked"),
        ], null)));

        var run = await Run("access", "token", "list");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal("""
            ID         SUBJECT                 ROLE               WORKSPACE   STATE     EXPIRES                DESCRIPTION
            0a0b0c0d   token:admin             fleet-admin        -           active    never                  -
            1a2b3c4d   user:lena@example.com   workspace-member   ran         active    2027-01-06 12:00:00Z   ci
            9f8e7d6c   user:old@example.com    viewer             -           revoked   2026-12-06 12:00:00Z   -

            """, run.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Revoke_204_SaysSo_404_ExitsOne()
    {
        _hub.On("DELETE /api/v1/tokens/1a2b3c4d", 204, "");
        _hub.On("DELETE /api/v1/tokens/ffffffff", 404, RolloutSamples.Problem(404, "token 'ffffffff' not found"));

        var revoked = await Run("access", "token", "revoke", "1a2b3c4d");
        var unknown = await Run("access", "token", "revoke", "ffffffff");

        Assert.Equal((0, "token 1a2b3c4d revoked\n"), (revoked.ExitCode, revoked.Out.ReplaceLineEndings("\n")));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("hub answered 404 Not Found: token 'ffffffff' not found", unknown.Error);
    }

    [Fact]
    public async Task RotateAdmin_SavedLoginUsedTheOldToken_SavedConfigGetsTheNewOne()
    {
        using var temp = new TempConfig();
        new Cli.HubClient.CliConfig(_hub.Url, "ep_0a0b0c0d_oldsecret").Save(temp.Path);
        _hub.On("POST /api/v1/tokens/rotate-admin", 201, RolloutSamples.Json(Token("5e6f7a8b", "ep_5e6f7a8b_newsecret", ["0a0b0c0d"]) with
        {
            Subject = "token:admin", Role = "fleet-admin", ExpiresAt = null,
        }));

        var run = await CliRun.Of("access", "token", "rotate-admin");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("ep_5e6f7a8b_newsecret\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Contains("Revoked: 0a0b0c0d.", run.Out);
        Assert.Contains($"the saved login in {temp.Path} now uses the new token", run.Error);
        Assert.Equal("ep_5e6f7a8b_newsecret", Cli.HubClient.CliConfig.Load(temp.Path)!.Token);
    }

    [Fact]
    public async Task RotateAdmin_SavedLoginUsesAnotherToken_ConfigUntouched()
    {
        using var temp = new TempConfig();
        new Cli.HubClient.CliConfig(_hub.Url, "ep_77777777_mine").Save(temp.Path);
        var before = await File.ReadAllTextAsync(temp.Path);
        _hub.On("POST /api/v1/tokens/rotate-admin", 201, RolloutSamples.Json(Token("5e6f7a8b", "ep_5e6f7a8b_newsecret", ["0a0b0c0d"])));

        var run = await CliRun.Of("access", "token", "rotate-admin");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("saved login", run.Error);
        Assert.Equal(before, await File.ReadAllTextAsync(temp.Path));
    }

    [Fact]
    public async Task Help_ShowsExamples()
    {
        var run = await CliRun.Of("access", "token", "create", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("edgeplane access token create --subject user:ana@example.com --role viewer --ttl 30d", run.Out);
        Assert.Contains("--workspace", run.Out);
    }

    /// <summary>A private <c>$EDGEPLANE_CONFIG</c> for one test (the collection runs these one at a time).</summary>
    private sealed class TempConfig : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("ep-access-").FullName;

        public TempConfig() => Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", Path);

        public string Path => System.IO.Path.Combine(_dir, "config.json");

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", null);
            Directory.Delete(_dir, recursive: true);
        }
    }
}
