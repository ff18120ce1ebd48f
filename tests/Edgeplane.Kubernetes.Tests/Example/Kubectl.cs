using System.Diagnostics;
using Edgeplane.KubeSim;

namespace Edgeplane.Kubernetes.Tests.Example;

/// <summary>
/// The real kubectl (/usr/bin/kubectl) against one KubeSim cluster, with its own kubeconfig, HOME and cache dir:
/// kubectl caches /version and discovery per server URL forever, and ports are reused.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-").FullName;
    private readonly string _kubeconfig;

    public Kubectl(KubeSimServer server, string cluster)
    {
        _kubeconfig = Path.Combine(_dir, "kubeconfig");
        server.WriteKubeconfig(_kubeconfig, cluster, [cluster]);
    }

    /// <summary>Runs kubectl with the given arguments; fails the test unless it exits 0. Returns stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_dir, "cache"), "--request-timeout=30s" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = _dir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
