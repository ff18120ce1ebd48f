using Microsoft.Extensions.Logging;

namespace Edgeplane.KubeSim.Controllers;

/// <summary>Log events of the simulated Cluster API (docs/operations.md, "Log event ids").</summary>
internal static partial class ClusterApiLog
{
    [LoggerMessage(EventId = 4502, Level = LogLevel.Information,
        Message = "KubeSim Cluster API: Cluster {Namespace}/{Name} of {Management} initialized its control plane: workload cluster {Workload} {Action} at {Version}")]
    public static partial void WorkloadReady(ILogger logger, string? @namespace, string name, string management, string workload, string action, string version);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Information,
        Message = "KubeSim Cluster API: Cluster {Namespace}/{Name} of {Management} deleted: workload cluster {Workload} {Action}")]
    public static partial void WorkloadDeleted(ILogger logger, string? @namespace, string name, string management, string workload, string action);
}
