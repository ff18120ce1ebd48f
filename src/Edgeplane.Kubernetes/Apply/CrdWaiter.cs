using System.Text.Json.Nodes;
using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Discovery;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>Waits (bounded) until CustomResourceDefinitions report Established=True, so their kinds can be served.</summary>
internal sealed class CrdWaiter(ClusterConnection connection, ApplierOptions options)
{
    public async Task<List<ApplyFailure>> WaitAsync(IEnumerable<ObjectDiff> crds, CancellationToken cancellationToken)
    {
        var pending = crds.Select(d => (d.Object.Ref, d.Mapping)).ToList();
        var started = connection.Time.GetTimestamp();
        var lastSeen = new Dictionary<ObjectRef, string>();
        while (true)
        {
            foreach (var crd in pending.ToList())
            {
                var live = await connection.Api.GetAsync(crd.Mapping, crd.Ref, cancellationToken).ConfigureAwait(false);
                var (established, state) = Established(live);
                lastSeen[crd.Ref] = state;
                if (established)
                {
                    pending.Remove(crd);
                }
            }
            if (pending.Count == 0)
            {
                return [];
            }
            if (connection.Time.GetElapsedTime(started) >= options.EstablishTimeout)
            {
                return pending.Select(p => new ApplyFailure(p.Ref, ApplyPhase.Establish, 0, ApplyFailure.Reasons.NotEstablished,
                    $"not Established after {options.EstablishTimeout.TotalSeconds:0.###}s ({lastSeen[p.Ref]})")).ToList();
            }
            await Task.Delay(options.EstablishPollInterval, connection.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static (bool Established, string State) Established(JsonObject? crd)
    {
        if (crd is null)
        {
            return (false, "not found");
        }
        var conditions = ObjectJson.Path(crd, "status")?["conditions"] as JsonArray ?? [];
        var condition = conditions.OfType<JsonObject>().FirstOrDefault(c => ObjectJson.Str(c, "type") == "Established");
        return condition is null
            ? (false, "no Established condition yet")
            : (ObjectJson.Str(condition, "status") == "True",
                $"Established={ObjectJson.Str(condition, "status")}: {ObjectJson.Str(condition, "message") ?? ObjectJson.Str(condition, "reason")}");
    }
}
