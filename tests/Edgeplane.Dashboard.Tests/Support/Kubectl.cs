using System.Diagnostics;

namespace Edgeplane.Dashboard.Tests.Support;

/// <summary>kubectl against one of KubeSim's clusters through up's kubeconfig, as an operator at a site would run it.</summary>
public static class Kubectl
{
    public static async Task<string> RunAsync(DashboardStack stack, string cluster, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        // kubectl caches /version and discovery per server under ~/.kube/cache: a home of this stack's own
        start.Environment["HOME"] = stack.Scratch;
        foreach (var arg in new[] { "--kubeconfig", stack.Stack.Layout.Kubeconfig, "--context", cluster, "--request-timeout=60s" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(DashboardStack.Timeout);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        return (await output).Trim();
    }
}
