using System.Text.Json.Nodes;
using Edgeplane.KubeSim.Json;

namespace Edgeplane.KubeSim.Controllers;

internal sealed partial class ClusterApiControlPlaneController
{
    /// <summary>
    /// What the control plane reports: initialized or not, the version its machines run, a rollout in progress, and
    /// why it is not Ready (null when it is). <paramref name="At"/> is when the last step completed.
    /// </summary>
    private sealed record Report(bool Initialized, string? Version, bool Rolling, string? NotReadyReason, string Message, string? At)
    {
        public static Report Waiting(string reason, string message) => new(false, null, false, reason, message, null);

        public static Report Steady(string? version, string? at) => new(true, version, false, null, string.Empty, at);

        public static Report RollingOut(string? version, string target, bool neverReady) =>
            new(true, version, true, "RollingUpdateInProgress",
                neverReady ? $"rolling out {target}: the control plane never becomes ready (injected by KubeSim)" : $"rolling out {target}", null);

        public static Report Invalid(string? version, string message) => new(true, version, false, "InvalidVersion", message, null);
    }

    /// <summary>
    /// The provider's status in both contracts (v1beta1 <c>initialized</c>/<c>ready</c>, v1beta2
    /// <c>initialization.controlPlaneInitialized</c>), replica counts, <c>version</c>, and the conditions Available,
    /// Initialized, RollingOut, MachinesSpecUpToDate and Ready.
    /// </summary>
    private static JsonObject Status(JsonObject current, Report report, string now)
    {
        var replicas = current.At("spec").Long("replicas") ?? 1;
        var running = report.Initialized ? replicas : 0;
        var upToDate = report.Initialized && report.NotReadyReason is null;
        var status = new JsonObject
        {
            ["observedGeneration"] = current.Generation(),
            ["initialized"] = report.Initialized,
            ["ready"] = report.Initialized,
            ["initialization"] = new JsonObject { ["controlPlaneInitialized"] = report.Initialized },
            ["replicas"] = replicas,
            ["readyReplicas"] = running,
            ["availableReplicas"] = running,
            ["unavailableReplicas"] = replicas - running,
            ["updatedReplicas"] = upToDate ? replicas : 0,
            ["upToDateReplicas"] = upToDate ? replicas : 0,
        };
        if (report.Version is { } version)
        {
            status["version"] = version;
        }
        var notReady = report.NotReadyReason ?? string.Empty;
        var conditions = new Conditions(current.At("status", "conditions"), now)
            .Set("Available", report.Initialized ? "True" : "False", report.Initialized ? "Available" : "NotAvailable", report.Initialized ? string.Empty : report.Message)
            .Set("Initialized", report.Initialized ? "True" : "False", report.Initialized ? "Initialized" : "NotInitialized",
                report.Initialized ? string.Empty : report.Message, report.Initialized ? report.At : null)
            .Set("RollingOut", report.Rolling ? "True" : "False", report.Rolling ? "RollingOut" : "NotRollingOut",
                report.Rolling ? $"Rolling out {replicas} not up-to-date replicas" : string.Empty)
            .Set("MachinesSpecUpToDate", upToDate ? "True" : "False", upToDate ? "UpToDate" : notReady, upToDate ? string.Empty : report.Message)
            .Set("Ready", upToDate ? "True" : "False", upToDate ? "Ready" : notReady, upToDate ? string.Empty : report.Message, upToDate ? report.At : null);
        status["conditions"] = conditions.Result;
        return status;
    }
}
