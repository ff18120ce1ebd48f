using System.Runtime.Versioning;

namespace Edgeplane.Cli.Tests.Commands;

[UnsupportedOSPlatform("windows")]
public sealed class AgentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgeplane-agent-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [UnsupportedOSPlatform("windows")]
    private string Private(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [Fact]
    public async Task Agent_FirstStartWithoutToken_Usage()
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig.yaml");
        await File.WriteAllTextAsync(kubeconfig, "apiVersion: v1\nkind: Config\n");
        var state = Path.Combine(_dir, "state");

        var run = await CliRun.Of("agent", "--hub", "https://127.0.0.1:1", "--kubeconfig", kubeconfig, "--state", state);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --token (or --token-file, or $EDGEPLANE_BOOTSTRAP_TOKEN) is required on first start: the state folder '{state}' holds no agent identity " +
            "(create a token with: edgeplane token create --cluster <name>)", run.Error.Trim());
        Assert.False(Directory.Exists(state));
    }

    [Fact]
    public async Task Agent_TokenMalformed_Usage()
    {
        var missing = Path.Combine(_dir, "missing.yaml");

        var run = await CliRun.Of("agent", "--hub", "https://127.0.0.1:1", "--token", "x", "--kubeconfig", missing, "--state", _dir);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --token: bootstrap token must have 4 dot-separated parts: ep1.<id>.<secret>.<ca-pin>", run.Error.Trim());
    }

    [Fact]
    public async Task Agent_TokenFile_IsReadInsteadOfTheCommandLine()
    {
        var file = Private("token", "x\n");

        var run = await CliRun.Of("agent", "--hub", "https://127.0.0.1:1", "--token-file", file, "--kubeconfig", "k", "--state", _dir);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --token: bootstrap token must have 4 dot-separated parts: ep1.<id>.<secret>.<ca-pin>", run.Error.Trim());
    }

    [Fact]
    public async Task Agent_TokenFileReadableByOthers_UsageWithTheChmodToRun()
    {
        var file = Private("loose-token", "ep1.x\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var run = await CliRun.Of("agent", "--hub", "https://127.0.0.1:1", "--token-file", file, "--kubeconfig", "k", "--state", _dir);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: the --token-file '{file}' has mode 0604; it must be readable by its owner only. Run: chmod 600 '{file}'", run.Error.Trim());
    }

    [Fact]
    public async Task Agent_TokenAndTokenFile_Usage()
    {
        var run = await CliRun.Of("agent", "--hub", "https://127.0.0.1:1", "--token", "x", "--token-file", Private("t", "x"), "--kubeconfig", "k", "--state", _dir);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: give --token or --token-file, not both", run.Error.Trim());
    }

    [Fact]
    public async Task Agent_KubeconfigMissing_UsageNamingTheFile()
    {
        var missing = Path.Combine(_dir, "missing.yaml");
        var token = "ep1.aaaaaaaaaa." + new string('a', 32) + "." + new string('0', 64);

        var run = await CliRun.Of("agent", "--hub", "https://127.0.0.1:1", "--token", token, "--kubeconfig", missing, "--state", _dir);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: cannot read --kubeconfig '{missing}': Could not find file '{missing}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_HubNotHttps_Usage()
    {
        var run = await CliRun.Of("agent", "--hub", "http://hub:8080", "--kubeconfig", "k", "--state", _dir);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --hub 'http://hub:8080' must be an absolute https:// URL (the gateway, e.g. https://hub.example.com:8443)",
            run.Error.Trim());
    }

    [Fact]
    public async Task Agent_MissingRequiredOptions_Usage()
    {
        var run = await CliRun.Of("agent", "--hub", "https://hub:8443");
        var noCluster = await CliRun.Of("agent", "--hub", "https://hub:8443", "--state", _dir);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Option '--state' is required", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, noCluster.ExitCode); // --kubeconfig or --in-cluster (AgentInClusterTests)
        Assert.Equal("error: --kubeconfig FILE (or --in-cluster, in the cluster's own pod) is required", noCluster.Error.Trim());
    }
}
