using System.Diagnostics;

namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>
/// Runs the real kubectl against one virtual cluster with its own kubeconfig, HOME and cache dir
/// (kubectl caches /version and discovery per URL forever).
/// </summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-").FullName;

    public Kubectl(KubeSimServer server, string cluster)
    {
        Kubeconfig = Path.Combine(_dir, "kubeconfig");
        server.WriteKubeconfig(Kubeconfig, cluster, [cluster]);
    }

    public string Kubeconfig { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(_dir, "cache"), "--request-timeout=30s" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = _dir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.True(code == 0, $"kubectl {string.Join(' ', args)} exited {code}: {stderr}{stdout}");
        return stdout;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
