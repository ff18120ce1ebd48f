using Edgeplane.Kubernetes.Api;

namespace Edgeplane.Kubernetes;

/// <summary>How the engine talks to one cluster's API server. Every limit is explicit.</summary>
public sealed record ClusterConnectionOptions
{
    /// <summary>Server-side apply field manager: the name under which Edgeplane owns fields.</summary>
    public string FieldManager { get; init; } = "edgeplane";

    /// <summary>
    /// fieldValidation sent with every apply: Strict rejects unknown or duplicate fields, so a typo in a bundle is an
    /// error naming the field instead of a silently dropped setting.
    /// </summary>
    public string FieldValidation { get; init; } = "Strict";

    /// <summary>Timeout of one HTTP attempt (each retry gets a fresh one).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How transient failures are retried.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Objects fetched per list page.</summary>
    public int ListPageSize { get; init; } = 500;
}
