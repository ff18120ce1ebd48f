using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent;

public sealed partial class AgentHost
{
    [LoggerMessage(EventId = 3401, Level = LogLevel.Error, Message = "Agent loop '{Loop}' failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception error, string loop);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning,
        Message = "Cluster {Cluster} was revoked by the hub: workloads are left as they are and the hub is not contacted; " +
        "start the agent with a new bootstrap token (--token) to enrol again")]
    private static partial void LogRevokedAtStart(ILogger logger, string cluster);
}
