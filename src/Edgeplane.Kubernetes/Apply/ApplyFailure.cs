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
        public const string InvalidRequest = "InvalidRequest";
        public const string InvalidObject = "InvalidObject";
        public const string DuplicateObject = "DuplicateObject";
        public const string OwnershipMismatch = "OwnershipMismatch";
        public const string LimitExceeded = "LimitExceeded";
        public const string PruneToEmptyRefused = "PruneToEmptyRefused";
        public const string NotEstablished = "NotEstablished";
        public const string ForeignInventory = "ForeignInventory";
    }

    public static ApplyFailure From(KubeApiException ex, ApplyPhase phase, ObjectRef? obj = null)
    {
        var causes = ex.Causes.Count == 0 ? "" : $" ({string.Join("; ", ex.Causes)})";
        return new ApplyFailure(obj ?? ex.Object, phase, ex.StatusCode, ex.Reason, ex.Detail + causes);
    }

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
