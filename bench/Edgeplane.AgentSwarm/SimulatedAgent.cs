using System.Diagnostics;
using Edgeplane.Agent.Identity;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Edgeplane.AgentSwarm;

/// <summary>
/// One simulated agent: the protocol side of an Edgeplane agent without a cluster behind it. It holds one Connect
/// stream over its own mTLS channel (its own client certificate, so its own HTTP/2 connection), records when each new
/// target digest arrives, numbers its status reports, keeps every unacknowledged one and resends them after a
/// reconnect (sequences survive a restart of the swarm through its state folder, as an agent's do), and reconnects with jittered back-off or the hub's retry hint. Times are <see cref="Stopwatch"/>
/// timestamps (CLOCK_MONOTONIC on Linux, so the driver process can compare them with its own).
/// </summary>
internal sealed partial class SimulatedAgent(string cluster, AgentCredentials credentials, Uri hub, ulong storedSequence)
{
    private const string AgentVersion = "swarm-1";
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly List<StatusReport> _unacked = [];
    private readonly Backoff _backoff = new();
    private AsyncDuplexStreamingCall<AgentMessage, HubMessage>? _call;
    private CancellationTokenSource? _connection;
    private ulong _sequence = storedSequence;
    private ulong _acked = storedSequence;
    private ulong _generation;

    public string Cluster { get; } = cluster;

    public string TargetDigest { get; private set; } = "";

    /// <summary>When the current <see cref="TargetDigest"/> first arrived.</summary>
    public long TargetReceived { get; private set; }

    /// <summary>When the current stream got its Welcome; 0 while not connected.</summary>
    public long ConnectedAt { get; private set; }

    /// <summary>When the last unacknowledged report was acknowledged (the buffer became empty).</summary>
    public long AllAckedAt { get; private set; }

    public ulong Sequence { get { lock (_lock) { return _sequence; } } }

    public ulong Acked { get { lock (_lock) { return _acked; } } }

    /// <summary>Why connection attempts failed (not counting drops made by the swarm), shared by all agents.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Errors = new(StringComparer.Ordinal);

    public int Attempts;
    public int Overloaded;
    public int Failures;

    /// <summary>Connects, and reconnects whenever the stream ends, until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TimeSpan? delay = null;
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
            lock (_lock)
            {
                _connection = connection;
            }
            Interlocked.Increment(ref Attempts);
            var channel = HubChannels.Create(hub, credentials, TimeProvider.System);
            try
            {
                delay = await SessionAsync(channel, connection.Token);
            }
            catch (Exception e) when (e is RpcException or IOException or HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                // dropped, refused at the handshake, or the hub went away: back off below
                if (!connection.IsCancellationRequested)
                {
                    Errors.AddOrUpdate(e is RpcException r ? $"{r.StatusCode}: {Cut(r.Status.Detail)}" : $"{e.GetType().Name}: {Cut(e.Message)}", 1, (_, n) => n + 1);
                }
            }
            finally
            {
                lock (_lock)
                {
                    _call = null;
                    _connection = null;
                }
                ConnectedAt = 0;
                channel.Dispose(); // closes this agent's TCP connection
            }
            if (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref Failures);
                await Task.Delay(delay ?? _backoff.Next(), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static string Cut(string text) => text.Length > 120 ? text[..120] : text;

    /// <summary>Drops the stream and its connection at once, as a broken link would.</summary>
    public void Drop()
    {
        lock (_lock)
        {
            _connection?.Cancel();
        }
    }

    /// <summary>
    /// Numbers a new status report, buffers it and sends it if a stream is open. A <paramref name="degraded"/> report has
    /// one failed object and Ready False, so the hub marks the cluster Degraded (the dashboard benchmark's status change).
    /// </summary>
    public async Task<(ulong Sequence, long SentAt)> ReportAsync(bool degraded = false)
    {
        StatusReport report;
        AsyncDuplexStreamingCall<AgentMessage, HubMessage>? call;
        lock (_lock)
        {
            report = NewReport(++_sequence, degraded);
            _unacked.Add(report);
            call = _call;
        }
        var sent = Stopwatch.GetTimestamp();
        if (call is not null)
        {
            await TryWriteAsync(call, new AgentMessage { Status = report });
        }
        return (report.Sequence, sent);
    }

    private StatusReport NewReport(ulong sequence, bool degraded)
    {
        var report = new StatusReport
        {
            Sequence = sequence,
            AppliedDigest = TargetDigest,
            TargetDigest = TargetDigest,
            ChangeSet = new ChangeSetSummary { Unchanged = 40 },
            KubernetesVersion = "v1.30.4+k3s1",
            AgentVersion = AgentVersion,
            Time = Timestamp.FromDateTime(DateTime.UtcNow),
        };
        report.Conditions.Add(degraded
            ? new Condition { Type = ConditionTypes.Ready, Status = ConditionStatus.False, Reason = "HealthCheckFailed" }
            : new Condition { Type = ConditionTypes.Ready, Status = ConditionStatus.True, Reason = "ReconciliationSucceeded" });
        foreach (var name in (string[])["calico-node", "istiod", "vmagent"])
        {
            report.Objects.Add(new ObjectHealth
            {
                Object = new ObjectRef { ApiVersion = "apps/v1", Kind = "Deployment", Namespace = "kube-system", Name = name },
                Status = degraded && name == "vmagent" ? HealthStatus.Failed : HealthStatus.Current,
            });
        }
        return report;
    }

    private async Task TryWriteAsync(AsyncDuplexStreamingCall<AgentMessage, HubMessage> call, AgentMessage message)
    {
        await _write.WaitAsync();
        try
        {
            await call.RequestStream.WriteAsync(message);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
        {
            // the stream is gone; the report stays buffered and is resent after the reconnect
        }
        finally
        {
            _write.Release();
        }
    }
}
