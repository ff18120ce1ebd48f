using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Link;

internal sealed partial class HubLink
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Connected to {Hub}; target {Digest} (generation {Generation})")]
    private static partial void LogConnected(ILogger logger, Uri hub, string digest, ulong generation);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Hub session ended ({Kind}): {Message}; dialling again in {Wait}")]
    private static partial void LogSessionEnded(ILogger logger, string kind, string message, TimeSpan wait);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Stopped talking to the hub ({Reason}): {Message}")]
    private static partial void LogStopped(ILogger logger, string reason, string message);
}
