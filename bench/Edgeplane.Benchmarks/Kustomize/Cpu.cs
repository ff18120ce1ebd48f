using System.Diagnostics;
using System.Globalization;

namespace Edgeplane.Benchmarks.Kustomize;

/// <summary>
/// CPU time in milliseconds, which, unlike wall time, does not grow when other processes share the cores:
/// this process's own, and that of its finished child processes (Linux <c>/proc/self/stat</c> cutime + cstime).
/// </summary>
internal static class Cpu
{
    public static double Self()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    public static double Children()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return double.NaN;
        }
        // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17 (1-based), in clock ticks.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / ClockTicksPerSecond;
    }

    // sysconf(_SC_CLK_TCK) is 100 on every Linux this runs on.
    private const double ClockTicksPerSecond = 100;
}
