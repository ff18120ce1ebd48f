using Edgeplane.Hub.Store;

namespace Edgeplane.Hub.Gateway.Status;

/// <summary>A status report waiting to be stored, and whom to tell.</summary>
internal sealed record PendingStatus(ClusterStatusReport Report, IStatusSink Sink, long ReceivedTimestamp);
