using System.Diagnostics;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim;
using k8s;
using k8s.Models;

namespace Edgeplane.Benchmarks.KubeSim;

internal static partial class KubeSimSuite
{
    /// <summary>Managed heap and RSS before and after loading every cluster with the bundle over HTTP (server-side apply).</summary>
    private static async Task<MemoryResult> MeasureMemoryAsync(Options options)
    {
        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { DefaultNodeCount = 1 });
        var (heapBefore, rssBefore) = Measure();
        var load = Stopwatch.StartNew();
        var objects = 0;
        await Parallel.ForEachAsync(Enumerable.Range(1, options.Clusters), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (i, cancel) =>
            {
                var cluster = sim.AddCluster($"site-{i}");
                var client = cluster.CreateClient();
                foreach (var (group, version, plural, ns, body) in Bundle.Objects())
                {
                    var name = body["metadata"]!["name"]!.GetValue<string>();
                    var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch);
                    if (ns is null)
                    {
                        await client.CustomObjects.PatchClusterCustomObjectAsync(patch, group, version, plural, name, fieldManager: "edgeplane", force: true, cancellationToken: cancel);
                    }
                    else
                    {
                        await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, group, version, ns, plural, name, fieldManager: "edgeplane", force: true, cancellationToken: cancel);
                    }
                    Interlocked.Increment(ref objects);
                }
            });
        load.Stop();
        var stored = sim.Clusters.Values.Sum(c => c.ObjectCount);
        var (heapAfter, rssAfter) = Measure();
        return new MemoryResult(options.Clusters, objects, stored, heapAfter - heapBefore, rssAfter - rssBefore, rssAfter, load.Elapsed.TotalSeconds);
    }

    private static (long Heap, long Rss) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    internal sealed record MemoryResult(int Clusters, int AppliedObjects, int StoredObjects, long HeapBytes, long RssDeltaBytes, long RssBytes, double LoadSeconds)
    {
        public double HeapPerCluster => HeapBytes / (double)Clusters;

        public double RssPerCluster => RssDeltaBytes / (double)Clusters;
    }
}
