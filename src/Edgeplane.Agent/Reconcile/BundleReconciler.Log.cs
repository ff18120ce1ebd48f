using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Reconcile;

internal sealed partial class BundleReconciler
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "New target {Digest} (revision {Revision}, generation {Generation})")]
    private static partial void LogTarget(ILogger logger, string digest, string revision, ulong generation);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Ignored target generation {Generation}: generation {Known} was seen before")]
    private static partial void LogStaleTarget(ILogger logger, ulong generation, ulong known);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Applied {Digest}: {Changes}; {Failures} failure(s)")]
    private static partial void LogApplied(ILogger logger, string digest, string changes, int failures);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Reconcile failed ({Reason}): {Message}")]
    private static partial void LogFailure(ILogger logger, string reason, string message);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Drift on {Count} object(s), {Corrected} corrected: {Objects}")]
    private static partial void LogDrift(ILogger logger, int count, int corrected, string objects);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Bundle cache: {Problem}")]
    private static partial void LogCacheDiscarded(ILogger logger, string problem);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Reconciling stopped ({Reason}): {Message}; workloads are left as they are")]
    private static partial void LogFrozen(ILogger logger, string reason, string message);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Debug, Message = "Kubernetes version unknown: {Error}")]
    private static partial void LogVersionUnknown(ILogger logger, string error);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Prune held back: {Blocks}")]
    private static partial void LogPruneBlocked(ILogger logger, string blocks);

    [LoggerMessage(EventId = 3061, Level = LogLevel.Information, Message = "Held back until their control plane is Current: {Deferred}")]
    private static partial void LogDeferred(ILogger logger, string deferred);

    [LoggerMessage(EventId = 3062, Level = LogLevel.Information,
        Message = "Left in place (edgeplane.dev/deletion-policy: Retain), no longer managed: {Objects}")]
    private static partial void LogRetained(ILogger logger, string objects);

    [LoggerMessage(EventId = 3063, Level = LogLevel.Warning, Message = "The Cluster API clusters could not be read: {Error}")]
    private static partial void LogProvisionedUnknown(ILogger logger, string error);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "The new target could not be saved in the checkpoint: {Error}")]
    private static partial void LogCheckpointNotSaved(ILogger logger, string error);
}
