using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Identity;

public sealed partial class CertificateRenewer
{
    [LoggerMessage(EventId = 3601, Level = LogLevel.Information,
        Message = "Certificate of cluster {Cluster} renewed; valid until {NotAfter:u}")]
    private static partial void LogRenewed(ILogger logger, string cluster, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning,
        Message = "Renewal attempt {Attempt} failed: {Error}; retrying in {Wait}; certificate expires at {NotAfter:u}")]
    private static partial void LogRetry(ILogger logger, int attempt, string error, TimeSpan wait, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Error,
        Message = "Agent identity stalled ({Reason}): {Message}")]
    private static partial void LogStalled(ILogger logger, string reason, string message);
}
