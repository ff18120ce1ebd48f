using System.Diagnostics;

namespace Edgeplane.Rendering.Tests.Kustomize;

/// <summary>Runs the real <c>kubectl kustomize</c> (kustomize v5.5 inside kubectl) as the reference implementation.</summary>
internal static class KubectlKustomize
{
    /// <summary>Set to 1 to skip comparisons with kubectl on machines without it (golden files still run; the comparisons are reported as skipped).</summary>
    public const string SkipVariable = "EDGEPLANE_SKIP_KUBECTL";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static bool Skipped => Environment.GetEnvironmentVariable(SkipVariable) == "1";

    /// <summary>The path of kubectl, or a failure telling how to skip.</summary>
    public static string Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "kubectl");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"kubectl is not on PATH; install it or set {SkipVariable}=1 to skip the kubectl comparison");
    }

    /// <summary>Builds <paramref name="directory"/> with kubectl in a fresh HOME; returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string directory)
    {
        var home = Directory.CreateTempSubdirectory("ep-kubectl-home-").FullName;
        try
        {
            var start = new ProcessStartInfo(Locate(), ["kustomize", directory])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["HOME"] = home;
            start.Environment["KUBECONFIG"] = Path.Combine(home, "config");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start kubectl");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
