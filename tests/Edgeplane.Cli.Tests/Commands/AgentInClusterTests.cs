using System.Runtime.Versioning;
using Edgeplane.Cli.Commands;
using k8s;

namespace Edgeplane.Cli.Tests.Commands;

/// <summary><c>edgeplane agent --in-cluster</c>: the kubeconfig it writes for the pod's ServiceAccount, and its refusals.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class AgentInClusterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgeplane-in-cluster-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ServiceAccount()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "serviceaccount")).FullName;
        File.WriteAllText(Path.Combine(folder, "ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(folder, "token"), "sa-token");
        return folder;
    }

    [Theory]
    [InlineData("10.96.0.1", "443", "https://10.96.0.1")]
    [InlineData("fd00::1", "6443", "https://[fd00::1]:6443")]
    public void WriteKubeconfig_FromTheServiceVariables_AReadableKubeconfigInTheStateFolder(string host, string port, string server)
    {
        var serviceAccount = ServiceAccount();
        var state = Path.Combine(_dir, "state");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = host, ["KUBERNETES_SERVICE_PORT"] = port };

        var path = AgentInCluster.WriteKubeconfig(state, env.GetValueOrDefault, serviceAccount);

        Assert.Equal(Path.Combine(state, "in-cluster.kubeconfig"), path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
        var config = KubernetesClientConfiguration.LoadKubeConfig(path);
        Assert.Equal(server, config.Clusters.Single().ClusterEndpoint.Server);
        Assert.Equal(Path.Combine(serviceAccount, "ca.crt"), config.Clusters.Single().ClusterEndpoint.CertificateAuthority);
        var exec = config.Users.Single().UserCredentials.ExternalExecution;
        Assert.Equal(["agent", "credential", "--token-file", Path.Combine(serviceAccount, "token")], exec.Arguments);
    }

    [Fact]
    public void WriteKubeconfig_NotInAPod_RefusedSayingWhy_NothingWritten()
    {
        var state = Path.Combine(_dir, "state");

        var error = Assert.Throws<InvalidOperationException>(() => AgentInCluster.WriteKubeconfig(state, _ => null, ServiceAccount()));

        Assert.Equal("--in-cluster: $KUBERNETES_SERVICE_HOST and $KUBERNETES_SERVICE_PORT do not name an API server: this is not a Kubernetes pod; " +
            "use --kubeconfig FILE", error.Message);
        Assert.False(Directory.Exists(state));
    }

    [Fact]
    public void WriteKubeconfig_NoServiceAccountMounted_RefusedNamingTheFile()
    {
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var error = Assert.Throws<InvalidOperationException>(() => AgentInCluster.WriteKubeconfig(Path.Combine(_dir, "state"), env.GetValueOrDefault,
            Path.Combine(_dir, "none")));

        Assert.Contains($"the ServiceAccount CA '{Path.Combine(_dir, "none", "ca.crt")}' is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true, "error: give --kubeconfig FILE or --in-cluster, not both")]
    [InlineData(false, false, "error: --kubeconfig FILE (or --in-cluster, in the cluster's own pod) is required")]
    public async Task Agent_KubeconfigAndInCluster_ExactlyOne(bool kubeconfig, bool inCluster, string expected)
    {
        var args = new List<string> { "agent", "--hub", "https://127.0.0.1:1", "--state", Path.Combine(_dir, "state"),
            "--token", "ep1.abcdefgh23.abcdefghijklmnopqrstuvwxyz234567." + new string('e', 64) };
        if (kubeconfig)
        {
            args.AddRange(["--kubeconfig", Path.Combine(_dir, "kubeconfig")]);
        }
        if (inCluster)
        {
            args.Add("--in-cluster");
        }

        var run = await CliRun.Of([.. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_dir, "state")));
    }
}
