using System.Globalization;

namespace Edgeplane.Benchmarks.Gateway;

/// <summary>The hub process's memory after a full, compacting collection: resident set and managed heap, in bytes.</summary>
internal sealed record HubMemory(long RssBytes, long ManagedBytes)
{
    public static async Task<HubMemory> MeasureAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(200);
        }
        return new HubMemory(Rss(), GC.GetTotalMemory(forceFullCollection: false));
    }

    private static long Rss()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
