using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Gateway.Availability;

internal sealed partial class AvailabilityMonitor
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Cluster {Cluster} is {Availability} ({Reason})")]
    private static partial void LogChanged(ILogger logger, string cluster, string availability, string reason);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "{Count} cluster(s) marked Offline: no gateway replica has heard from their agents")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Writing agent connection state failed; retrying at the next tick")]
    private static partial void LogFlushFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning,
        Message = "{Count} cluster(s) marked Unknown: the hub replica that served them has not renewed its lease for {LeaseTimeout}")]
    private static partial void LogOwnerGone(ILogger logger, int count, TimeSpan leaseTimeout);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning,
        Message = "This hub's lease had expired (not renewed for {LeaseTimeout}) and another replica marked its links Unknown; writing them again")]
    private static partial void LogLeaseLost(ILogger logger, TimeSpan leaseTimeout);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Information, Message = "Hub lease released: {Count} cluster(s) Unknown until their agents reconnect")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Warning,
        Message = "Releasing the hub lease failed; the links this hub served count as Unknown once the lease expires ({LeaseTimeout})")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, TimeSpan leaseTimeout);
}
