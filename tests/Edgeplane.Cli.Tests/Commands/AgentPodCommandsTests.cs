using System.CommandLine;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Edgeplane.Cli.Commands;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Cli.Tests.Commands;

/// <summary>
/// The commands the agent's pod runs besides the agent: <c>agent credential</c> (the in-cluster kubeconfig's exec
/// credential plugin) and <c>agent probe</c> (its liveness and readiness probes).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class AgentPodCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgeplane-agent-pod-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<CliRun> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(AgentCommand.Create(_time));
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Credential_ServiceAccountToken_PrintsAnExecCredentialThatExpiresSoon()
    {
        var file = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(file, "eyJhbGciOi.service-account.token\n");

        var run = await RunAsync("agent", "credential", "--token-file", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"eyJhbGciOi.service-account.token","expirationTimestamp":"2030-05-06T07:13:09Z"}}""",
            run.Out.Trim());
    }

    [Fact]
    public async Task Credential_TokenFileMissingOrEmpty_ExitOne_PrintsNoCredential()
    {
        var empty = Path.Combine(_dir, "empty");
        await File.WriteAllTextAsync(empty, "  \n");

        var missing = await RunAsync("agent", "credential", "--token-file", Path.Combine(_dir, "absent"));
        var blank = await RunAsync("agent", "credential", "--token-file", empty);

        Assert.Equal((1, ""), (missing.ExitCode, missing.Out));
        Assert.Contains($"cannot read the ServiceAccount token '{Path.Combine(_dir, "absent")}'", missing.Error, StringComparison.Ordinal);
        Assert.Equal((1, ""), (blank.ExitCode, blank.Out));
        Assert.Contains("is empty or over 65536 bytes", blank.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_StateFolderMissing_NotLive()
    {
        var state = Path.Combine(_dir, "state");

        var run = await RunAsync("agent", "probe", "--state", state);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: the state folder '{state}' does not exist", run.Error.Trim());
    }

    [Fact]
    public async Task Probe_EmptyStateFolder_LiveButNotReady()
    {
        var live = await RunAsync("agent", "probe", "--state", _dir);
        var ready = await RunAsync("agent", "probe", "--state", _dir, "--enrolled");

        Assert.Equal((0, "live: not enrolled yet"), (live.ExitCode, live.Out.Trim()));
        Assert.Equal(1, ready.ExitCode);
        Assert.Equal($"error: the agent has not enrolled yet (no identity in '{_dir}')", ready.Error.Trim());
    }

    [Fact]
    public async Task Probe_IdentityOthersMayRead_NotLive_SaysHowToFixIt()
    {
        var identity = Directory.CreateDirectory(Path.Combine(_dir, "identity")).FullName;
        var key = Path.Combine(identity, "agent.pem");
        await File.WriteAllTextAsync(key, "not a certificate");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var run = await RunAsync("agent", "probe", "--state", _dir);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("chmod 600", run.Error, StringComparison.Ordinal);
    }
}
