using Edgeplane.Protocol.V1;
using Google.Protobuf;

namespace Edgeplane.Agent.Status;

/// <summary>
/// Hands reports to the outbox only when they say something new: two reports that differ only in their time are one.
/// A quiet, healthy agent therefore sends nothing but heartbeats, online or offline.
/// </summary>
internal sealed class StatusPublisher(StatusOutbox outbox)
{
    private readonly Lock _lock = new();
    private ByteString? _last;

    /// <summary>Queues <paramref name="report"/> unless it equals the last one; returns the stored report or null.</summary>
    public StatusReport? Publish(StatusReport report)
    {
        var content = report.Clone();
        content.Time = null;
        var fingerprint = content.ToByteString();
        lock (_lock)
        {
            if (_last is not null && _last.Equals(fingerprint))
            {
                return null;
            }
            _last = fingerprint;
            return outbox.Add(report);
        }
    }
}
