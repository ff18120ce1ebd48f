using System.Text;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Hosting;
using Edgeplane.KubeSim.Json;
using static Edgeplane.KubeSim.Controllers.ClusterApiObjects;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class ClusterApiControlPlaneController
{
    /// <summary>Type of the Secret holding a workload cluster's kubeconfig (Cluster API's contract).</summary>
    public const string KubeconfigSecretType = "cluster.x-k8s.io/secret";

    private static readonly ResourceType SecretType = ResourceCatalog.Builtin.FindKind("", "Secret")!;

    /// <summary>
    /// Initializes the control plane <see cref="ClusterApiDelays.ControlPlane"/> after the Cluster's infrastructure was
    /// provisioned, unless a fault says it never becomes ready: creates or adopts the workload cluster, publishes the
    /// kubeconfig Secret, then reports initialized (in this order, so whoever sees it initialized finds the Secret).
    /// </summary>
    private TimeSpan? Initialize(ControllerContext context, JsonObject owner)
    {
        var clusterName = owner.Name()!;
        if (owner.At("status", "initialization").Bool("infrastructureProvisioned") != true || TrueSince(owner, "InfrastructureReady") is not { } infrastructureAt)
        {
            Write(context, Report.Waiting("WaitingForInfrastructure", $"waiting for the infrastructure of Cluster \"{clusterName}\" to be provisioned"));
            return null;
        }
        if (NeverReady(context, owner))
        {
            Write(context, Report.Waiting("NotInitialized", "the control plane never becomes ready (injected by KubeSim)"));
            return null;
        }
        var now = context.Cluster.Runtime.Time.GetUtcNow();
        var due = infrastructureAt + context.Cluster.Runtime.Options.ClusterApiDelays.ControlPlane;
        if (now < due)
        {
            Write(context, Report.Waiting("NotInitialized", "initializing the control plane (simulated by KubeSim)"));
            return due - now;
        }
        if (context.Cluster.Runtime.Host?.ClusterUri(clusterName) is null)
        {
            return null; // the server is restoring and not listening yet; it reconciles management clusters again once it is
        }
        var version = context.Object.At("spec").Str("version");
        var served = ClusterApiVersions.Served(version, context.Cluster.Runtime.Options.DefaultVersion);
        try
        {
            CreateOrAdopt(context, owner, served);
        }
        catch (ArgumentException ex)
        {
            Write(context, Report.Waiting("NotInitialized", $"KubeSim cannot host the workload cluster \"{clusterName}\": {ex.Message}"));
            return null;
        }
        PublishKubeconfig(context, owner);
        Write(context, Report.Steady(version, Format(due)));
        return null;
    }

    private void CreateOrAdopt(ControllerContext context, JsonObject owner, KubeVersion served)
    {
        var name = owner.Name()!;
        var action = "adopted";
        var workload = Workload(context, owner);
        if (workload is null)
        {
            try
            {
                workload = context.Cluster.Runtime.Host!.Add(name, served.GitVersion);
                action = "created";
            }
            catch (InvalidOperationException) when (context.Cluster.Runtime.FindCluster(name) is { } raced)
            {
                workload = raced; // added meanwhile (an admin call, another management cluster): adopt it
            }
            catch (InvalidOperationException ex)
            {
                throw new ArgumentException(ex.Message, nameof(owner), ex);
            }
        }
        Align(workload, served);
        ClusterApiLog.WorkloadReady(logger, owner.Namespace(), name, context.Cluster.Name, name, action, served.GitVersion);
    }

    /// <summary>
    /// The <c>&lt;cluster&gt;-kubeconfig</c> Secret of Cluster API's contract in the Cluster's namespace: type
    /// <c>cluster.x-k8s.io/secret</c>, label <c>cluster.x-k8s.io/cluster-name</c>, the kubeconfig under <c>value</c>
    /// with KubeSim's URL of the workload cluster; owned by the control plane. Skipped while the URL is not known yet
    /// (a restore, before the server listens) or the workload cluster is not hosted.
    /// </summary>
    private static void PublishKubeconfig(ControllerContext context, JsonObject owner)
    {
        var clusterName = owner.Name()!;
        if (context.Cluster.Runtime.Host?.ClusterUri(clusterName) is not { } uri || Workload(context, owner) is null)
        {
            return;
        }
        var ns = owner.Namespace();
        var name = $"{clusterName}-kubeconfig";
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes(KubeconfigWriter.Render([(clusterName, uri)], clusterName)));
        context.Cluster.CreateIfMissing(SecretType, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [ClusterNameLabel] = clusterName },
                ["ownerReferences"] = new JsonArray(OwnerReference(context.Object, controller: true)),
            },
            ["type"] = KubeconfigSecretType,
            ["data"] = new JsonObject { ["value"] = value },
        }, Manager);
        context.Cluster.Mutate(SecretType, ns, name, Manager, secret =>
        {
            var changed = secret.At("data").Str("value") != value || secret.Labels().GetValueOrDefault(ClusterNameLabel) != clusterName;
            secret.Obj("data")["value"] = value;
            secret.Meta().Obj("labels")[ClusterNameLabel] = clusterName;
            return changed;
        });
    }
}
