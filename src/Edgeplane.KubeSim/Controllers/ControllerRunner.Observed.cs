using System.Collections.Concurrent;
using System.Text.Json;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Storage;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class ControllerRunner
{
    private readonly ConcurrentDictionary<(VirtualCluster, ResourceKey, string?, string), Observation> _observed = new();

    /// <summary>
    /// Notes when a generation of an object was first seen: the moment controller delays count from. A commit notes it
    /// (<see cref="ICommitObserver.OnCommitted"/> runs inside the write), so the delay starts at the write whenever a
    /// worker gets to the object: a clock moved in between counts. A reconcile notes only what no commit announced
    /// (objects restored from disk), and never replaces what a later write noted. An object created again under the
    /// same name (a new uid) starts again, even when a late reconcile of the old one noted it after its deletion.
    /// </summary>
    /// <returns>When the generation of <paramref name="stored"/> was first seen.</returns>
    private DateTimeOffset Observe(VirtualCluster cluster, ResourceKey resource, StoredObject stored, long generation, DateTimeOffset now)
    {
        var seen = new Observation(stored.Uid, generation, stored.ResourceVersion, now);
        return _observed.AddOrUpdate((cluster, resource, stored.Namespace, stored.Name), seen, (_, old) =>
            (old.Uid == seen.Uid && old.Generation == generation) || old.ResourceVersion > seen.ResourceVersion ? old : seen).Since;
    }

    private void Forget(VirtualCluster cluster, ResourceKey resource, StoredObject stored) =>
        _observed.TryRemove((cluster, resource, stored.Namespace, stored.Name), out _);

    private void ForgetCluster(VirtualCluster cluster)
    {
        foreach (var key in _observed.Keys.Where(k => k.Item1 == cluster))
        {
            _observed.TryRemove(key, out _);
        }
    }

    /// <summary>metadata.generation read without building a tree (this runs inside every write of a controlled kind).</summary>
    private static long GenerationOf(StoredObject stored)
    {
        using var document = JsonUtil.ParseDocument(stored.Json);
        return document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("generation", out var generation) && generation.ValueKind == JsonValueKind.Number
            && generation.TryGetInt64(out var value) ? value : 0;
    }

    /// <summary>An object's uid and generation, the resourceVersion of the write it was noted from, and when.</summary>
    private readonly record struct Observation(string Uid, long Generation, long ResourceVersion, DateTimeOffset Since);
}
