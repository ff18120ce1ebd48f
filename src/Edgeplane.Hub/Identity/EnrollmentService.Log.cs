using Edgeplane.Protocol.V1;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Identity;

internal sealed partial class EnrollmentService
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Cluster {Cluster} enrolled with token {TokenId}: certificate {Serial} valid until {NotAfter:u}")]
    private static partial void LogEnrolled(ILogger logger, string cluster, string tokenId, string serial, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Enrolment with token {TokenId} refused ({Error}): {Reason}")]
    private static partial void LogEnrollRefused(ILogger logger, string tokenId, IdentityError error, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "Cluster {Cluster} renewed certificate {OldSerial} as {Serial}, valid until {NotAfter:u}")]
    private static partial void LogRenewed(ILogger logger, string cluster, string oldSerial, string serial, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Renewal for cluster {Cluster} refused ({Error}): {Reason}")]
    private static partial void LogRenewRefused(ILogger logger, string cluster, IdentityError error, string reason);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "Cluster {Cluster} repeated the renewal of certificate {OldSerial} with the same key: answered with {Serial}, issued then")]
    private static partial void LogRenewalRepeated(ILogger logger, string cluster, string oldSerial, string serial);
}
