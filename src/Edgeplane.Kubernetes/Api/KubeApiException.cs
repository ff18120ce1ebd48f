using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Api;

/// <summary>
/// A Kubernetes API call that failed for good (after retries, where retrying made sense). Names the verb, the object,
/// the HTTP status (0 when no answer came) and the Kubernetes reason (Conflict, Invalid, NotFound, TooManyRequests…)
/// or one of Edgeplane's own (<see cref="Reasons"/>).
/// </summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException(string verb, ObjectRef? obj, int statusCode, string reason, string detail,
        IReadOnlyList<string>? causes = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(Format(verb, obj, statusCode, reason, detail), inner)
    {
        Verb = verb;
        Object = obj;
        StatusCode = statusCode;
        Reason = reason;
        Detail = detail;
        Causes = causes ?? [];
        RetryAfter = retryAfter;
    }

    public KubeApiException()
        : this("call", null, 0, Reasons.Unknown, "unknown failure")
    {
    }

    public KubeApiException(string message)
        : this("call", null, 0, Reasons.Unknown, message)
    {
    }

    public KubeApiException(string message, Exception innerException)
        : this("call", null, 0, Reasons.Unknown, message, inner: innerException)
    {
    }

    /// <summary>What was attempted: get, apply, dry-run apply, delete, list, discover.</summary>
    public string Verb { get; }

    /// <summary>The object concerned, when the call was about one.</summary>
    public ObjectRef? Object { get; }

    /// <summary>The HTTP status code, or 0 when the server never answered (connection failure, timeout).</summary>
    public int StatusCode { get; }

    /// <summary>Kubernetes Status reason or an Edgeplane reason from <see cref="Reasons"/>.</summary>
    public string Reason { get; }

    /// <summary>The server's message (or ours) without the verb/object prefix.</summary>
    public string Detail { get; }

    /// <summary>Status causes, e.g. each field-manager conflict as <c>.spec.replicas: conflict with "kubectl"</c>.</summary>
    public IReadOnlyList<string> Causes { get; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True for a server-side apply conflict with another field manager (409 with FieldManagerConflict causes).</summary>
    public bool IsFieldManagerConflict { get; init; }

    private static string Format(string verb, ObjectRef? obj, int statusCode, string reason, string detail)
    {
        var target = obj is { } o ? $" {o}" : "";
        var status = statusCode == 0 ? reason : $"{statusCode} {reason}";
        return $"{verb}{target} failed: {status}: {detail}";
    }

    /// <summary>Reasons Edgeplane gives when Kubernetes did not give one.</summary>
    public static class Reasons
    {
        public const string Timeout = "Timeout";
        public const string Unreachable = "Unreachable";
        public const string UnknownKind = "UnknownKind";
        public const string BadResponse = "BadResponse";
        public const string Unknown = "Unknown";
    }
}
