using System.Diagnostics;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Edgeplane.AgentSwarm;

internal sealed partial class SimulatedAgent
{
    /// <summary>One stream: Hello, Welcome (or Goodbye), resend the buffer, then heartbeats and reading until it ends.</summary>
    /// <returns>The hub's retry hint when it said Goodbye with one, else null (back off).</returns>
    private async Task<TimeSpan?> SessionAsync(GrpcChannel channel, CancellationToken token)
    {
        using var call = new AgentGateway.AgentGatewayClient(channel).Connect(cancellationToken: token);
        ulong acked;
        ulong generation;
        lock (_lock)
        {
            acked = _acked;
            generation = _generation;
        }
        await call.RequestStream.WriteAsync(new AgentMessage
        {
            Hello = new Hello
            {
                ClusterId = Cluster, AgentVersion = AgentVersion, ProtocolVersion = ProtocolVersions.Current,
                AppliedDigest = TargetDigest, LastAckedStatusSequence = acked, LastTargetGeneration = generation,
            },
        }, token);
        if (!await call.ResponseStream.MoveNext(token))
        {
            return null;
        }
        var first = call.ResponseStream.Current;
        if (first.Welcome is not { } welcome)
        {
            return Goodbye(first.Goodbye);
        }
        OnTarget(welcome.Target);
        ConnectedAt = Stopwatch.GetTimestamp();
        _backoff.Reset();
        await ResendAsync(call);
        var heartbeat = welcome.HeartbeatInterval?.ToTimeSpan() is { } interval && interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(15);
        var beating = HeartbeatAsync(call, heartbeat, token);
        try
        {
            while (await call.ResponseStream.MoveNext(token))
            {
                var message = call.ResponseStream.Current;
                switch (message.BodyCase)
                {
                    case HubMessage.BodyOneofCase.TargetChanged:
                        OnTarget(message.TargetChanged.Target);
                        break;
                    case HubMessage.BodyOneofCase.StatusAck:
                        OnAck(message.StatusAck.UpToSequence);
                        break;
                    case HubMessage.BodyOneofCase.Goodbye:
                        return Goodbye(message.Goodbye);
                    default:
                        break;
                }
            }
            return null;
        }
        finally
        {
            await beating.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private TimeSpan? Goodbye(Goodbye? goodbye)
    {
        if (goodbye?.Reason == GoodbyeReason.Overloaded)
        {
            Interlocked.Increment(ref Overloaded);
        }
        return goodbye?.RetryAfter?.ToTimeSpan() is { } retry && retry > TimeSpan.Zero ? retry : null;
    }

    /// <summary>Makes the stream current for new reports, then resends everything not yet acknowledged, in order.</summary>
    private async Task ResendAsync(AsyncDuplexStreamingCall<AgentMessage, HubMessage> call)
    {
        List<StatusReport> pending;
        lock (_lock)
        {
            _call = call;
            pending = [.. _unacked];
        }
        foreach (var report in pending)
        {
            await TryWriteAsync(call, new AgentMessage { Status = report });
        }
    }

    private async Task HeartbeatAsync(AsyncDuplexStreamingCall<AgentMessage, HubMessage> call, TimeSpan interval, CancellationToken token)
    {
        // Spread the first beat over one interval so thousands of agents do not beat in step.
        await Task.Delay(interval * Random.Shared.NextDouble(), token);
        using var timer = new PeriodicTimer(interval);
        do
        {
            await TryWriteAsync(call, new AgentMessage { Heartbeat = new Heartbeat { Time = Timestamp.FromDateTime(DateTime.UtcNow) } });
        }
        while (await timer.WaitForNextTickAsync(token));
    }

    private void OnTarget(Target? target)
    {
        if (target is null || string.IsNullOrEmpty(target.Digest))
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (target.Generation < _generation)
            {
                return; // never roll back to an older target
            }
            _generation = target.Generation;
            if (target.Digest != TargetDigest)
            {
                TargetDigest = target.Digest;
                TargetReceived = now;
            }
        }
    }

    private void OnAck(ulong upTo)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _acked = Math.Max(_acked, upTo);
            _unacked.RemoveAll(r => r.Sequence <= upTo);
            if (_unacked.Count == 0)
            {
                AllAckedAt = now;
            }
        }
    }
}
