using System.Text.Json;
using Edgeplane.Hub.Api.Contracts;
using Edgeplane.Hub.Store.Entities;

namespace Edgeplane.Cli.Tests.HubCommands;

/// <summary>status, clusters, revisions and login against a real hub serving a Git copy of examples/fleet.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(CliConfigCollection.Name)]
public sealed class HubCommandsTests(HubFixture hub) : IClassFixture<HubFixture>
{
    private static readonly JsonSerializerOptions Json = Cli.HubClient.HubApiClient.Json;

    private string[] Connection => ["--hub", hub.Url, "--token", hub.Token];

    [Fact]
    public async Task ClustersList_Json_ServesEveryExampleClusterWithDesiredDigest()
    {
        var run = await HubCli.RunAsync(["clusters", "list", "-o", "json", .. Connection]);

        Assert.Equal(0, run.ExitCode);
        var clusters = JsonSerializer.Deserialize<List<ClusterResponse>>(run.Out, Json)!;
        Assert.Equal(hub.ClusterCount, clusters.Count);
        Assert.All(clusters, c => Assert.StartsWith("sha256:", c.Desired.Digest));
    }

    [Fact]
    public async Task ClustersList_LayerFilter_Table()
    {
        var run = await HubCli.RunAsync(["clusters", "list", "--layer", "edge", .. Connection]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.StartsWith("NAME", lines[0]);
        Assert.True(lines.Length > 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(" edge ", l));
    }

    [Fact]
    public async Task ClustersGet_ShowsBundleObjects()
    {
        var name = JsonSerializer.Deserialize<List<ClusterResponse>>((await HubCli.RunAsync(["clusters", "list", "-o", "json", .. Connection])).Out, Json)![0].Name;

        var run = await HubCli.RunAsync(["clusters", "get", name, .. Connection]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Name:               {name}", run.Out);
        Assert.Contains("KIND", run.Out);
        Assert.Contains("Namespace", run.Out);
    }

    [Fact]
    public async Task Status_PrintsLayersAndCurrentRevision()
    {
        var run = await HubCli.RunAsync(["status", .. Connection]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("LAYER", run.Out);
        Assert.Contains("total", run.Out);
        Assert.Contains("revision:", run.Out);
    }

    [Fact]
    public async Task Status_WithoutConnection_ExitsTwo()
    {
        var config = Path.Combine(hub.Root, "no-config.json");
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", config);
        try
        {
            var run = await HubCli.RunAsync("status");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("no hub connection: pass --hub URL --token T", run.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", null);
        }
    }

    [Fact]
    public async Task Status_WrongToken_ExitsOneWith401()
    {
        var run = await HubCli.RunAsync("status", "--hub", hub.Url, "--token", "ep_00000000_wrong");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("hub answered 401 Unauthorized: unknown or revoked token", run.Error);
    }

    [Fact]
    public async Task Login_SavesConfigMode0600_ThenCommandsNeedNoFlags()
    {
        var config = Path.Combine(hub.Root, "config", "edgeplane.json");
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", config);
        try
        {
            var login = await HubCli.RunAsync("login", "--hub", hub.Url, "--token", hub.Token);
            var status = await HubCli.RunAsync("status", "-o", "yaml");

            Assert.Equal(0, login.ExitCode);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
            }
            Assert.Contains(hub.Token, await File.ReadAllTextAsync(config));
            Assert.Equal(0, status.ExitCode);
            Assert.Contains("layers:", status.Out);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", null);
        }
    }

    [Fact]
    public async Task Login_TokenFile_SavedLikeTheFlag_LooseFileOrNoTokenRefused()
    {
        var config = Path.Combine(hub.Root, "token-file-login.json");
        var file = Path.Combine(hub.Root, "admin-token");
        await File.WriteAllTextAsync(file, hub.Token + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", config);
        try
        {
            var login = await HubCli.RunAsync("login", "--hub", hub.Url, "--token-file", file);
            Assert.Equal(0, login.ExitCode);
            Assert.Contains(hub.Token, await File.ReadAllTextAsync(config));

            File.Delete(config);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            var loose = await HubCli.RunAsync("login", "--hub", hub.Url, "--token-file", file);
            var none = await HubCli.RunAsync("login", "--hub", hub.Url);

            Assert.Equal((2, $"error: the --token-file '{file}' has mode 0604; it must be readable by its owner only. Run: chmod 600 '{file}'"),
                (loose.ExitCode, loose.Error.Trim()));
            Assert.Equal((2, "error: an API token is needed: --token-file FILE, $EDGEPLANE_TOKEN or --token"), (none.ExitCode, none.Error.Trim()));
            Assert.False(File.Exists(config));
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", null);
        }
    }

    [Fact]
    public async Task Login_BadToken_RefusesAndSavesNothing()
    {
        var config = Path.Combine(hub.Root, "bad-login.json");
        Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", config);
        try
        {
            var run = await HubCli.RunAsync("login", "--hub", hub.Url, "--token", "ep_00000000_wrong");

            Assert.Equal(1, run.ExitCode);
            Assert.False(File.Exists(config));
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEPLANE_CONFIG", null);
        }
    }

    [Fact]
    public async Task Revisions_ListAndApproveNotHeld()
    {
        var list = await HubCli.RunAsync(["revisions", .. Connection]);
        var approve = await HubCli.RunAsync(["revisions", "approve", hub.InitialSha, .. Connection]);

        Assert.Equal(0, list.ExitCode);
        Assert.Contains(hub.InitialSha[..12], list.Out);
        Assert.Equal(1, approve.ExitCode);
        Assert.Contains("409", approve.Error);
        Assert.Contains("only a Held revision can be approved", approve.Error);
    }

    [Fact]
    public async Task BadCommit_RevisionsGetAndStatusShowErrorWithFileAndLine_DesiredUnchanged()
    {
        var before = (await HubCli.RunAsync(["clusters", "list", "-o", "json", .. Connection])).Out;
        File.WriteAllText(Path.Combine(hub.RepoPath, "common", "broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
        var sha = hub.Commit("break YAML");
        var processed = hub.WaitForRevision(sha);
        await hub.TriggerFetchAsync();
        Assert.Equal(RevisionState.Failed, await processed);

        var get = await HubCli.RunAsync(["revisions", "get", sha[..10], .. Connection]);
        var status = await HubCli.RunAsync(["status", .. Connection]);
        var after = (await HubCli.RunAsync(["clusters", "list", "-o", "json", .. Connection])).Out;

        Assert.Equal(0, get.ExitCode);
        Assert.Contains("State:      Failed", get.Out);
        Assert.Matches(@"common/broken\.yaml:\d+:\d+: invalid YAML", get.Out);
        Assert.Contains($"last error: {sha[..12]} Failed", status.Out);
        Assert.Matches(@"  common/broken\.yaml:\d+:\d+: invalid YAML", status.Out);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Hub_UnknownStore_ExitsTwo()
    {
        var run = await HubCli.RunAsync("hub", "--repo", hub.RepoPath, "--store", "mysql://x", "--data", Path.Combine(hub.Root, "unused"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown --store 'mysql://x'", run.Error);
    }

    [Fact]
    public async Task Hub_CredentialsFileReadableByOthers_ExitsTwoWithTheChmodToRun()
    {
        var file = Path.Combine(hub.Root, "loose.credentials");
        await File.WriteAllTextAsync(file, "password=SECRETVALUE\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var run = await HubCli.RunAsync("hub", "--repo", hub.RepoPath, "--repo-credentials-file", file, "--data", Path.Combine(hub.Root, "never-made"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: the repo credentials file '{file}' has mode 0640; it must be readable by its owner only. Run: chmod 600 '{file}'",
            run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(hub.Root, "never-made")));
    }

    [Fact]
    public async Task Hub_DataFolderWritableByOthers_ExitsOneBeforeWritingIntoIt()
    {
        var data = Path.Combine(hub.Root, "world-writable");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)0b111_111_111);

        var run = await HubCli.RunAsync("hub", "--repo", hub.RepoPath, "--data", data, "--listen", "http://127.0.0.1:0", "--gateway-listen", "none");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: the hub data folder '{data}' has mode 0777: group or others may write to it, so they could replace what it holds. " +
            $"Refusing to use it. Run: chmod 700 '{data}'", run.Error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public async Task Hub_MaxDeletionShareOutOfRange_ExitsTwo_CreatesNothing(string share)
    {
        var data = Path.Combine(hub.Root, "unused-" + share);

        var run = await HubCli.RunAsync("hub", "--repo", hub.RepoPath, "--max-deletion-share", share, "--data", data);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: the maximum deletion share (--max-deletion-share) is {share}; it must be between 0 and 1, e.g. 0.5 for 50%",
            run.Error.Trim());
        Assert.False(Directory.Exists(data));
    }

    [Theory]
    [InlineData("--audit-retention", "2h", "error: the audit retention (--audit-retention) is 02:00:00; it must be between 1 day and 3650 days, e.g. 90d")]
    [InlineData("--audit-retention", "forever", "error: --audit-retention: 'forever' is not a duration; use a number with a unit, e.g. 120s, 5m or 1h30m")]
    [InlineData("--audit-max-entries", "10", "error: the audit entry cap (--audit-max-entries) is 10; it must be between 1000 and 100000000")]
    public async Task Hub_AuditBoundsOutOfRange_ExitsTwo_CreatesNothing(string flag, string value, string message)
    {
        var data = Path.Combine(hub.Root, "unused-audit-" + value);

        var run = await HubCli.RunAsync("hub", "--repo", hub.RepoPath, flag, value, "--data", data);

        Assert.Equal((2, message), (run.ExitCode, run.Error.Trim()));
        Assert.False(Directory.Exists(data));
    }
}
