using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Helm;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>
/// Flux helm.toolkit.fluxcd.io HelmRelease and kustomize.toolkit.fluxcd.io Kustomization: Ready=Unknown (Progressing)
/// at once, Ready=True with observedGeneration after the Flux delay. Suspended objects are left alone.
/// A HelmRelease whose chart is one of the server's simulated charts is installed after the delay, as its
/// service account (<see cref="ReconcileChart"/>); any other is not rendered or installed, only given status.
/// </summary>
internal sealed partial class FluxController : IKindController
{
    public bool Handles(ResourceType type) =>
        type is { Group: "helm.toolkit.fluxcd.io", Kind: "HelmRelease", IsCustom: true }
             or { Group: "kustomize.toolkit.fluxcd.io", Kind: "Kustomization", IsCustom: true };

    public TimeSpan Delay(KubeSimDelays delays) => delays.Flux;

    public TimeSpan? Reconcile(ControllerContext context)
    {
        var obj = context.Object;
        if (obj.IsDeleting() || obj["spec"].Bool("suspend") == true)
        {
            return null;
        }
        var helm = context.Type.Kind == "HelmRelease";
        if (helm && context.Ready && ChartSource.Resolve(context.Cluster, context.Cluster.Runtime.Charts, obj) is var (chart, failure)
            && (chart is not null || failure is not null))
        {
            ReconcileChart(context, chart, failure);
            return null;
        }
        context.WriteStatus(helm ? "helm-controller" : "kustomize-controller", current =>
        {
            var generation = current.Generation();
            var status = current["status"]?.DeepClone() as JsonObject ?? [];
            var conditions = new Conditions(status["conditions"], context.Now, observedGeneration: generation);
            if (!context.Ready)
            {
                conditions.Set("Ready", "Unknown", "Progressing", "Reconciliation in progress");
                status["conditions"] = conditions.Result;
                return status;
            }
            var revision = helm ? current.At("spec", "chart", "spec", "version")?.ToString() ?? "0.0.0" : "main@sha1:simulated";
            var reason = helm ? "InstallSucceeded" : "ReconciliationSucceeded";
            var message = helm ? $"Helm install succeeded for release {current.Namespace()}/{current.Name()}.v1 with chart version {revision}"
                : $"Applied revision: {revision}";
            conditions.Set("Ready", "True", reason, message);
            status["conditions"] = conditions.Result;
            status["observedGeneration"] = generation;
            status[helm ? "lastAttemptedRevision" : "lastAppliedRevision"] = revision;
            status["lastAttemptedRevision"] = revision;
            if (helm)
            {
                status["lastAttemptedGeneration"] = generation;
            }
            return status;
        });
        return null;
    }
}
