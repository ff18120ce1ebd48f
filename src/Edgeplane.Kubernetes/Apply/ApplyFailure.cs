using Edgeplane.Kubernetes.Api;
using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Apply;

/// <summary>
/// One thing that went wrong, as a value: the object (when there is one), the phase, the HTTP status (0 when no
/// HTTP answer is involved), a PascalCase reason (the Kubernetes Status reason or Edgeplane's) and the message.
/// </summary>
public sealed record ApplyFailure(ObjectRef? Object, ApplyPhase Phase, int StatusCode, string Reason, string Message)
{
    /// <summary>Reasons Edgeplane gives to failures that are not Kubernetes API errors.</summary>
    public static class Reasons
    {
        /// <summary>The apply request itself is malformed (bad cluster or bundle name).</summary>
        public const string InvalidRequest = "InvalidRequest";
        /// <summary>An object in the bundle is malformed (no apiVersion, kind or name).</summary>
        public const string InvalidObject = "InvalidObject";
        /// <summary>The same object appears twice in the bundle.</summary>
        public const string DuplicateObject = "DuplicateObject";
        /// <summary>An object carries ownership labels naming another cluster or bundle.</summary>
        public const string OwnershipMismatch = "OwnershipMismatch";
        /// <summary>The bundle breaks a limit of <see cref="ApplierOptions"/> (e.g. too many objects).</summary>
        public const string LimitExceeded = "LimitExceeded";
        /// <summary>An empty bundle would prune everything the inventory tracks, and that was not allowed.</summary>
        public const string PruneToEmptyRefused = "PruneToEmptyRefused";
        /// <summary>A CustomResourceDefinition did not become Established within the timeout.</summary>
        public const string NotEstablished = "NotEstablished";
        /// <summary>The inventory ConfigMap in the cluster belongs to another cluster or bundle.</summary>
        public const string ForeignInventory = "ForeignInventory";
    }

    /// <summary>The failure of an API call during <paramref name="phase"/>, with its causes appended to the message.</summary>
    public static ApplyFailure From(KubeApiException ex, ApplyPhase phase, ObjectRef? obj = null)
    {
        var causes = ex.Causes.Count == 0 ? "" : $" ({string.Join("; ", ex.Causes)})";
        return new ApplyFailure(obj ?? ex.Object, phase, ex.StatusCode, ex.Reason, ex.Detail + causes);
    }

    /// <summary>A validation failure found before any API call.</summary>
    public static ApplyFailure Invalid(ObjectRef? obj, string reason, string message) =>
        new(obj, ApplyPhase.Validate, 0, reason, message);

    /// <summary>E.g. "DryRun Deployment web/api: 422 Invalid: spec.replicas: must be non-negative".</summary>
    public override string ToString()
    {
        var target = Object is { } o ? $" {o}" : "";
        var status = StatusCode == 0 ? Reason : $"{StatusCode} {Reason}";
        return $"{Phase}{target}: {status}: {Message}";
    }
}
