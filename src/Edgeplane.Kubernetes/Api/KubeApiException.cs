using Edgeplane.Kubernetes.Objects;

namespace Edgeplane.Kubernetes.Api;

/// <summary>
/// A Kubernetes API call that failed for good (after retries, where retrying made sense). Names the verb, the object,
/// the HTTP status (0 when no answer came) and the Kubernetes reason (Conflict, Invalid, NotFound, TooManyRequests…)
/// or one of Edgeplane's own (<see cref="Reasons"/>).
/// </summary>
public sealed class KubeApiException : Exception
{
    /// <summary>A failed call: what was attempted on which object, and how the server (or the transport) answered.</summary>
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

    /// <summary>A failure with no detail (reason <see cref="Reasons.Unknown"/>).</summary>
    public KubeApiException()
        : this("call", null, 0, Reasons.Unknown, "unknown failure")
    {
    }

    /// <summary>A failure described by <paramref name="message"/> (reason <see cref="Reasons.Unknown"/>).</summary>
    public KubeApiException(string message)
        : this("call", null, 0, Reasons.Unknown, message)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
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
        /// <summary>No answer within the request timeout, on every attempt.</summary>
        public const string Timeout = "Timeout";
        /// <summary>The connection failed (refused, reset, DNS, TLS) on every attempt.</summary>
        public const string Unreachable = "Unreachable";
        /// <summary>Discovery does not know the object's kind (a CRD not installed, or a typo).</summary>
        public const string UnknownKind = "UnknownKind";
        /// <summary>The server answered with something that is not a Kubernetes response (bad JSON, wrong shape).</summary>
        public const string BadResponse = "BadResponse";
        /// <summary>Nothing more precise is known.</summary>
        public const string Unknown = "Unknown";
    }
}
