using System.CommandLine;
using System.Text.Json;
using Edgeplane.Cli.Commands;
using Edgeplane.Cli.Tests.Rollouts;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Cli.Tests.HubCommands;

/// <summary><c>edgeplane audit</c> against a real hub (what it records) and a stub (what it asks).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(CliConfigCollection.Name)]
public sealed class AuditCommandTests(HubFixture hub) : IClassFixture<HubFixture>
{
    private string[] Connection => ["--hub", hub.Url, "--token", hub.Token];

    [Fact]
    public async Task Audit_FiltersBySubjectAndAction_JsonNamesWhoAndFromWhere()
    {
        var refused = await HubCli.RunAsync(["revisions", "approve", "0000000cafe01", .. Connection]);
        Assert.NotEqual(0, refused.ExitCode);

        var run = await HubCli.RunAsync(["audit", "--subject", "token:admin", "--action", "revision", "--target", "0000000cafe01", "--since", "1h", "-o", "json", .. Connection]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var entry = Assert.Single(JsonSerializer.Deserialize<List<AuditEntryResponse>>(run.Out, Cli.HubClient.HubApiClient.Json)!);
        Assert.Equal(("token:admin", "revision.approve", "Failed", "127.0.0.1"), (entry.Actor, entry.Action, entry.Outcome, entry.Source));
        Assert.StartsWith("token:", entry.Credential, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_Table_HasOneRowPerEntry()
    {
        await HubCli.RunAsync(["revisions", "approve", "0000000cafe02", .. Connection]);

        var run = await HubCli.RunAsync(["audit", "--target", "0000000cafe02", .. Connection]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("TIME", lines[0], StringComparison.Ordinal);
        Assert.Contains("token:admin", lines[1], StringComparison.Ordinal);
        Assert.Contains("revision.approve", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--since", "yesterday", "--since must be a duration (use a number with a unit, e.g. 120s, 5m or 1h30m) or an RFC 3339 time such as 2026-12-07T10:00:00Z, got 'yesterday'")]
    [InlineData("--until", "1h", "--until must be an RFC 3339 time such as 2026-12-07T10:00:00Z, got '1h'")]
    [InlineData("--limit", "0", "--limit must be between 1 and 10000, got 0")]
    public async Task Audit_BadFlag_ExitsTwoNamingIt(string flag, string value, string message)
    {
        var run = await HubCli.RunAsync(["audit", flag, value, .. Connection]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_SinceDuration_IsSentAsUtcTimeBackFromNow_AndPagesFollowContinue()
    {
        await using var stub = await StubHub.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        stub.On("GET /api/v1/audit?limit=3&since=2026-12-07T10%3A30%3A00Z&workspace=ran",
            """{"items":[{"id":9,"time":"2026-12-07T11:00:00Z","actor":"user:ana@example.com","action":"token.create","target":"t1","outcome":"Succeeded","workspace":"ran"},{"id":8,"time":"2026-12-07T11:00:00Z","actor":"hub","action":"policy.reject","target":"workspace:ran","outcome":"Denied","workspace":"ran"}],"continue":"OA"}""");
        stub.On("GET /api/v1/audit?limit=1&since=2026-12-07T10%3A30%3A00Z&workspace=ran&continue=OA",
            """{"items":[{"id":7,"time":"2026-12-07T10:45:00Z","actor":"hub","action":"policy.reject","target":"workspace:ran","outcome":"Denied","workspace":"ran"}],"continue":"Nw"}""");
        var root = new RootCommand();
        root.Subcommands.Add(AuditCommand.Create(time));
        var output = new StringWriter();

        var error = new StringWriter();
        var code = await root.Parse(["audit", "--since", "1h30m", "--workspace", "ran", "--limit", "3", "-o", "json", .. stub.Connection])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal((0, ""), (code, error.ToString()));
        Assert.Equal([9L, 8L, 7L], JsonSerializer.Deserialize<List<AuditEntryResponse>>(output.ToString(), Cli.HubClient.HubApiClient.Json)!.Select(e => e.Id));
        Assert.Equal(2, stub.Requests.Count);
    }
}
