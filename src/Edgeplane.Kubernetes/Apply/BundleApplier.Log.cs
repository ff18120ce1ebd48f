using Microsoft.Extensions.Logging;

namespace Edgeplane.Kubernetes.Apply;

public sealed partial class BundleApplier
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Applying bundle {Bundle} to cluster {Cluster}: {ObjectCount} objects, digest {Digest}")]
    private partial void LogApplyStarted(string cluster, string bundle, int objectCount, string? digest);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied bundle {Bundle} to cluster {Cluster}: {Changes}; {FailureCount} failures")]
    private partial void LogApplyFinished(string cluster, string bundle, string changes, int failureCount);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Bundle {Bundle} on cluster {Cluster}: {Failure}")]
    private partial void LogFailure(string cluster, string bundle, string failure);
}
