using Edgeplane.Hub.Gateway.Admission;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Gateway.Status;
using Edgeplane.Hub.Observability;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Gateway.Sessions;

/// <summary>What every <see cref="ConnectSession"/> shares: one object, so a session holds one reference, not eight.</summary>
internal sealed class SessionServices(
    GatewayOptions options,
    TargetIndex index,
    AvailabilityTracker availability,
    StatusWriter status,
    AdmissionController admission,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<ConnectSession> logger)
{
    public GatewayOptions Options { get; } = options;

    public TargetIndex Index { get; } = index;

    public AvailabilityTracker Availability { get; } = availability;

    public StatusWriter Status { get; } = status;

    public AdmissionController Admission { get; } = admission;

    public GatewayMetrics Metrics { get; } = metrics;

    public TimeProvider Time { get; } = time;

    public ILogger<ConnectSession> Logger { get; } = logger;
}
