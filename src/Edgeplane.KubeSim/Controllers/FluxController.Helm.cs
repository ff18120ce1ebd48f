using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Helm;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class FluxController
{
    /// <summary>Releases kept in <c>status.history</c> (helm-controller's default <c>maxHistory</c>).</summary>
    private const int MaxHistory = 5;

    /// <summary>One install at a time per cluster: two workers reconciling one HelmRelease must not both create its objects.</summary>
    private readonly ConditionalWeakTable<VirtualCluster, Lock> _installs = new();

    /// <summary>
    /// helm-controller for a HelmRelease whose chart KubeSim has: installs it (or upgrades it, once a release was
    /// deployed) as the release's service account, unless this generation and chart version are deployed already, and
    /// reports the outcome as helm-controller does: Ready and Released True (<c>InstallSucceeded</c>,
    /// <c>UpgradeSucceeded</c>) or False (<c>InstallFailed</c>, <c>UpgradeFailed</c>) with Helm's error, and the
    /// deployed releases in <c>status.history</c>. A chart version KubeSim lacks is Ready=False <c>SourceNotReady</c>.
    /// A refused install is tried again whenever the HelmRelease is reconciled, not on a timer.
    /// </summary>
    private void ReconcileChart(ControllerContext context, LoadedChart? chart, string? failure)
    {
        lock (_installs.GetValue(context.Cluster, _ => new Lock()))
        {
            var stored = context.Cluster.Find(context.Type.Key, context.Object.Namespace(), context.Object.Name()!);
            if (stored is null)
            {
                return;
            }
            var current = JsonUtil.ParseObject(stored.Json);
            var release = HelmReleaseView.Of(current);
            if (current.IsDeleting() || current["spec"].Bool("suspend") == true || (chart is not null && Deployed(current, release, chart)))
            {
                return;
            }
            if (chart is null)
            {
                context.WriteStatus("helm-controller", latest => Failed(latest, release, "SourceNotReady", failure!, context.Now));
                return;
            }
            var upgrade = History(current).Any(h => h.Str("status") == "deployed");
            var error = release.HasKubeConfig
                ? "KubeSim installs charts into the HelmRelease's own cluster only; spec.kubeConfig is not simulated"
                : new HelmInstaller(context.Cluster, release, chart).Run(upgrade);
            context.WriteStatus("helm-controller", latest => Outcome(latest, release, chart, upgrade, error, context.Now));
        }
    }

    private static bool Deployed(JsonObject current, HelmReleaseView release, LoadedChart chart) =>
        current["status"].Long("observedGeneration") == release.Generation
        && current.At("status", "conditions") is JsonArray conditions
        && conditions.OfType<JsonObject>().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True")
        && History(current).FirstOrDefault() is { } latest
        && latest.Str("status") == "deployed" && latest.Str("chartName") == chart.Chart.Name && latest.Str("chartVersion") == chart.Chart.Version;

    private static JsonObject Outcome(JsonObject latest, HelmReleaseView release, LoadedChart chart, bool upgrade, string? error, string now)
    {
        var action = upgrade ? "upgrade" : "install";
        var reason = upgrade ? (error is null ? "UpgradeSucceeded" : "UpgradeFailed") : (error is null ? "InstallSucceeded" : "InstallFailed");
        var chartName = $"{chart.Chart.Name}@{chart.Chart.Version}";
        var status = latest["status"]?.DeepClone() as JsonObject ?? [];
        string message;
        if (error is null)
        {
            var history = History(latest).Select(h => h.DeepClone()).ToList();
            var version = history.Select(h => h.Long("version") ?? 0).DefaultIfEmpty(0).Max() + 1;
            history.Insert(0, Snapshot(release, chart, version, now));
            status["history"] = JsonUtil.ToArray(history.Take(MaxHistory));
            message = $"Helm {action} succeeded for release {release.ReleaseNamespace}/{release.ReleaseName}.v{version} with chart {chartName}";
        }
        else
        {
            message = $"Helm {action} failed for release {release.ReleaseNamespace}/{release.ReleaseName} with chart {chartName}: {error.Trim()}";
        }
        var conditions = new Conditions(status["conditions"], now, observedGeneration: release.Generation)
            .Set("Ready", error is null ? "True" : "False", reason, message)
            .Set("Released", error is null ? "True" : "False", reason, message);
        status["conditions"] = conditions.Result;
        status["observedGeneration"] = release.Generation;
        status["lastAttemptedGeneration"] = release.Generation;
        status["lastAttemptedRevision"] = chart.Chart.Version;
        status["lastAttemptedReleaseAction"] = action;
        status["storageNamespace"] = release.Namespace;
        return status;
    }

    private static JsonObject Failed(JsonObject latest, HelmReleaseView release, string reason, string message, string now)
    {
        var status = latest["status"]?.DeepClone() as JsonObject ?? [];
        status["conditions"] = new Conditions(status["conditions"], now, observedGeneration: release.Generation)
            .Set("Ready", "False", reason, message).Result;
        status["observedGeneration"] = release.Generation;
        return status;
    }

    private static JsonObject Snapshot(HelmReleaseView release, LoadedChart chart, long version, string now) => new()
    {
        ["name"] = release.ReleaseName,
        ["namespace"] = release.ReleaseNamespace,
        ["version"] = version,
        ["status"] = "deployed",
        ["chartName"] = chart.Chart.Name,
        ["chartVersion"] = chart.Chart.Version,
        ["firstDeployed"] = now,
        ["lastDeployed"] = now,
    };

    private static List<JsonObject> History(JsonObject release) => (release.At("status", "history") as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
}
