using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class ClusterApiResourceSetController
{
    /// <summary>
    /// Loads the carriers (a Secret of the wrong type stops everything, as in Cluster API; a missing or unreadable one is
    /// reported and skipped), then applies what each selected, initialized Cluster still needs.
    /// </summary>
    private Outcome Apply(ControllerContext context)
    {
        try
        {
            var reconcile = Reconciles(context.Object);
            var (carriers, problems) = Carriers(context);
            var errors = new List<string>();
            var waiting = new List<string>();
            foreach (var cluster in Selected(context))
            {
                if (!ControlPlaneInitialized(cluster))
                {
                    waiting.Add($"\"{cluster.Name()}\"");
                    continue;
                }
                errors.AddRange(ApplyTo(context, cluster, carriers, reconcile));
            }
            if (errors.Count > 0 || problems.Count > 0)
            {
                var reason = errors.Count > 0 ? "NotApplied" : problems[0].Reason;
                return new Outcome(false, reason, string.Join("; ", problems.Select(p => p.Message).Concat(errors)), Retry: errors.Count > 0);
            }
            return waiting.Count > 0
                ? new Outcome(false, "WaitingForControlPlaneInitialized", $"waiting for the control plane of Cluster {string.Join(", ", waiting)} to be initialized", false)
                : new Outcome(true, "Applied", string.Empty, false);
        }
        catch (ClusterApiResourceSetException ex)
        {
            return new Outcome(false, ex.Reason, ex.Message, false);
        }
    }

    private static (List<ClusterApiCarrier> Carriers, List<(string Reason, string Message)> Problems) Carriers(ControllerContext context)
    {
        var ns = context.Object.Namespace();
        var carriers = new List<ClusterApiCarrier>();
        var problems = new List<(string Reason, string Message)>();
        var resources = (context.Object.At("spec", "resources") as JsonArray ?? []).ToList();
        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i].Str("kind") is not { } kind || resources[i].Str("name") is not { Length: > 0 } name)
            {
                problems.Add(("InternalError", $"spec.resources[{i}]: kind and name are required"));
                continue;
            }
            try
            {
                if (ClusterApiCarrier.Load(context.Cluster, ns, kind, name) is { } carrier)
                {
                    carriers.Add(carrier);
                }
                else
                {
                    problems.Add(("InternalError", $"{kind} \"{name}\" not found in namespace \"{ns}\""));
                }
            }
            catch (ClusterApiResourceSetException ex) when (ex.Reason != "WrongSecretType")
            {
                problems.Add((ex.Reason, ex.Message));
            }
        }
        return (carriers, problems);
    }

    /// <summary>Applies the carriers a Cluster still needs and records them in its binding; returns what failed.</summary>
    private List<string> ApplyTo(ControllerContext context, JsonObject cluster, List<ClusterApiCarrier> carriers, bool reconcile)
    {
        var name = cluster.Name()!;
        var workload = name == context.Cluster.Name ? context.Cluster : context.Cluster.Runtime.FindCluster(name);
        if (workload is null)
        {
            return [$"Cluster \"{name}\": its workload cluster is not hosted by this KubeSim server"];
        }
        var entry = _bindings.Read(context.Cluster, cluster.Namespace(), name, context.Object.Name()!);
        if (entry["resources"] is not JsonArray resources)
        {
            resources = [];
            entry["resources"] = resources;
        }
        var errors = new List<string>();
        foreach (var carrier in carriers)
        {
            var record = resources.OfType<JsonObject>().FirstOrDefault(r => r.Str("kind") == carrier.Kind && r.Str("name") == carrier.Name);
            if (record?.Bool("applied") == true && (!reconcile || record.Str("hash") == carrier.Hash))
            {
                continue;
            }
            var failures = ApplyCarrier(workload, carrier, reconcile);
            errors.AddRange(failures.Select(f => $"Cluster \"{name}\": {carrier}: {f}"));
            Record(resources, record, carrier, failures.Count == 0, context.Now);
        }
        _bindings.Write(context.Cluster, cluster, entry);
        return errors;
    }

    /// <summary>Notes in the binding entry that the carrier was applied (or tried) now, with its hash.</summary>
    private static void Record(JsonArray resources, JsonObject? previous, ClusterApiCarrier carrier, bool applied, string now)
    {
        var record = new JsonObject
        {
            ["kind"] = carrier.Kind,
            ["name"] = carrier.Name,
            ["hash"] = carrier.Hash,
            ["lastAppliedTime"] = now,
            ["applied"] = applied,
        };
        if (previous is not null)
        {
            resources[resources.IndexOf(previous)] = record;
        }
        else
        {
            resources.Add(record);
        }
    }

    /// <summary>Applies every object of a carrier, going on after a failure as Cluster API does; returns the failures.</summary>
    private static List<string> ApplyCarrier(Clusters.VirtualCluster workload, ClusterApiCarrier carrier, bool reconcile)
    {
        var failures = new List<string>();
        foreach (var document in carrier.Objects)
        {
            try
            {
                ClusterApiResourceApplier.Apply(workload, document, reconcile);
            }
            catch (ClusterApiResourceSetException ex)
            {
                failures.Add(ex.Message);
            }
        }
        return failures;
    }
}
