using System.Diagnostics;

namespace Edgeplane.Benchmarks;

/// <summary>What every result records: the machine, the commit and where results go.</summary>
internal static class BenchEnvironment
{
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0);
        return $"{Environment.ProcessorCount} cores, {cpu ?? "unknown CPU"}, {memory:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    public static string ResultsDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edgeplane.slnx")))
        {
            dir = dir.Parent;
        }
        var results = Path.Combine(dir?.FullName ?? Directory.GetCurrentDirectory(), "bench", "results");
        Directory.CreateDirectory(results);
        return results;
    }
}
