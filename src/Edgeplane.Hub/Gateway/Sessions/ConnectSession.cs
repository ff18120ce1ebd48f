using System.Diagnostics;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Gateway.Status;
using Edgeplane.Hub.Identity;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Gateway.Sessions;

/// <summary>
/// One agent's Connect stream after Hello. Two loops: the reader takes heartbeats and status reports; the writer sends
/// what is pending. The pending state is one target slot (the newest wins: a slow agent never holds up fan-out and
/// never gets a backlog, only the latest target) and one acknowledgement (the highest stored sequence), so a session's
/// memory is fixed whatever happens.
/// </summary>
internal sealed partial class ConnectSession : IStatusSink, IDisposable
{
    private readonly Lock _lock = new();
    private readonly SessionServices _services;
    private readonly AgentConnection _connection;
    private readonly IServerStreamWriter<HubMessage> _writer;
    private readonly CancellationTokenSource _end;
    private TargetEntry? _pendingTarget;
    private long _pendingTargetReceived;
    private ulong _pendingAck;
    private long _pendingAckReceived;
    private bool _ackDue;
    private long _generationSent = -1;
    private TaskCompletionSource? _wake;
    private Exception? _storeFailure;

    internal ConnectSession(SessionServices services, AgentConnection connection, IServerStreamWriter<HubMessage> writer)
    {
        _services = services;
        _connection = connection;
        _writer = writer;
        _end = CancellationTokenSource.CreateLinkedTokenSource(connection.Token);
        Cluster = connection.Peer.Cluster.Value;
        Id = Guid.NewGuid().ToString("N");
    }

    /// <summary>The agent's cluster.</summary>
    public string Cluster { get; }

    /// <summary>This stream's id (owner of the cluster's connection state in the store).</summary>
    public string Id { get; }

    /// <summary>Why the hub ended the stream, or null (still open, or the agent went away).</summary>
    public GoodbyeReason? EndReason => _connection.EndReason;

    internal ClusterLink? Link { get; set; }

    internal bool StoreFailed => Volatile.Read(ref _storeFailure) is not null;

    /// <summary>Ends the stream with a Goodbye of <paramref name="reason"/>.</summary>
    internal void End(GoodbyeReason reason) => _connection.End(reason);

    /// <summary>A newer target for the cluster: replaces any target not yet sent.</summary>
    internal void OfferTarget(TargetEntry entry, long receivedTimestamp)
    {
        lock (_lock)
        {
            if (entry.Generation <= _generationSent || entry.Generation <= (_pendingTarget?.Generation ?? -1))
            {
                return;
            }
            _pendingTarget = entry;
            _pendingTargetReceived = receivedTimestamp;
        }
        Wake();
    }

    void IStatusSink.OnStatusStored(ulong sequence, long receivedTimestamp)
    {
        lock (_lock)
        {
            // Acks are cumulative: a repeated report is acknowledged again with the highest sequence stored.
            if (sequence >= _pendingAck)
            {
                _pendingAck = sequence;
                _pendingAckReceived = receivedTimestamp;
            }
            _ackDue = true;
        }
        Wake();
    }

    void IStatusSink.OnStatusFailed(Exception error)
    {
        Interlocked.CompareExchange(ref _storeFailure, error, null);
        Cancel();
    }

    /// <summary>Sends Welcome, then runs both loops until the stream ends.</summary>
    internal async Task RunAsync(Hello hello, IAsyncStreamReader<AgentMessage> reader)
    {
        await WriteWelcomeAsync(hello).ConfigureAwait(false);
        var writing = WriteLoopAsync();
        try
        {
            await ReadLoopAsync(reader).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The hub ended the stream (revoked, superseded, shutdown, expiry) or the agent went away.
        }
        finally
        {
            Cancel();
            await writing.ConfigureAwait(false);
        }
        if (_storeFailure is { } failure)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable,
                "the hub could not store status reports; reconnect later and resend them"), failure.Message);
        }
    }

    private void Wake()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            wake = _wake;
            _wake = null;
        }
        wake?.TrySetResult();
    }

    private void Cancel()
    {
        try
        {
            _end.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the session is over
        }
    }

    /// <inheritdoc />
    public void Dispose() => _end.Dispose();

    private static double Seconds(long since) => Stopwatch.GetElapsedTime(since).TotalSeconds;
}
