using System.Diagnostics;
using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Gateway.Status;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Edgeplane.Hub.Gateway.Sessions;

internal sealed partial class ConnectSession
{
    private async Task WriteWelcomeAsync(Hello hello)
    {
        var entry = _services.Index.Get(Cluster);
        lock (_lock)
        {
            _generationSent = entry?.Generation ?? 0;
        }
        await _writer.WriteAsync(new HubMessage
        {
            Welcome = new Welcome
            {
                Target = ToTarget(entry),
                HeartbeatInterval = Duration.FromTimeSpan(_services.Options.HeartbeatInterval),
                ServerTime = Timestamp.FromDateTimeOffset(_services.Time.GetUtcNow()),
                ProtocolVersion = ProtocolVersions.Negotiate(hello.ProtocolVersion),
            },
        }, _end.Token).ConfigureAwait(false);
        _services.Metrics.TargetsPushed.Inc();
    }

    private async Task ReadLoopAsync(IAsyncStreamReader<AgentMessage> reader)
    {
        while (await reader.MoveNext(_end.Token).ConfigureAwait(false))
        {
            var now = _services.Time.GetUtcNow();
            Link?.Touch(now);
            var message = reader.Current;
            switch (message.BodyCase)
            {
                case AgentMessage.BodyOneofCase.Status:
                    var stored = StatusMapping.ToStored(Cluster, message.Status, now);
                    Link?.ReportHealth(StatusMapping.IsFailing(stored));
                    await _services.Status.EnqueueAsync(new PendingStatus(stored, this, Stopwatch.GetTimestamp()), _end.Token).ConfigureAwait(false);
                    break;
                case AgentMessage.BodyOneofCase.Hello:
                    throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "Hello may be sent once only, as the first message"));
                default:
                    // Heartbeats only refresh the last contact; kinds this hub does not know are ignored (newer agents).
                    break;
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await WaitForWorkAsync().ConfigureAwait(false);
                var (target, targetReceived, ack, ackReceived) = TakePending();
                if (target is not null)
                {
                    await _writer.WriteAsync(new HubMessage { TargetChanged = new TargetChanged { Target = ToTarget(target) } }, _end.Token)
                        .ConfigureAwait(false);
                    _services.Metrics.TargetsPushed.Inc();
                    _services.Metrics.PushLatency.Observe(Seconds(targetReceived));
                }
                if (ack > 0)
                {
                    await _writer.WriteAsync(new HubMessage { StatusAck = new StatusAck { UpToSequence = ack } }, _end.Token).ConfigureAwait(false);
                    _services.Metrics.AckLatency.Observe(Seconds(ackReceived));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // Ended by the hub or the agent; a Goodbye follows when the hub ended it.
        }
        Cancel(); // a failed write ends the reader too
        await WriteGoodbyeAsync().ConfigureAwait(false);
    }

    private Task WaitForWorkAsync()
    {
        lock (_lock)
        {
            if (_pendingTarget is not null || _ackDue)
            {
                return Task.CompletedTask;
            }
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _wake.Task.WaitAsync(_end.Token);
        }
    }

    private (TargetEntry? Target, long TargetReceived, ulong Ack, long AckReceived) TakePending()
    {
        lock (_lock)
        {
            var target = _pendingTarget is { } t && t.Generation > _generationSent ? t : null;
            _pendingTarget = null;
            if (target is not null)
            {
                _generationSent = target.Generation;
            }
            var ack = _ackDue ? _pendingAck : 0;
            _ackDue = false;
            return (target, _pendingTargetReceived, ack, _pendingAckReceived);
        }
    }

    private async Task WriteGoodbyeAsync()
    {
        if (EndReason is not { } reason)
        {
            return;
        }
        var goodbye = new Goodbye { Reason = reason, Message = GoodbyeText(reason) };
        if (reason == GoodbyeReason.ShuttingDown)
        {
            goodbye.RetryAfter = Duration.FromTimeSpan(_services.Admission.RetryHint(_services.Options.ShutdownRetryAfter));
        }
        try
        {
            // The stream's own token is cancelled by now; bound the last write by the call itself.
            await _writer.WriteAsync(new HubMessage { Goodbye = goodbye }).WaitAsync(_services.Options.HelloTimeout, _services.Time)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            // the agent is gone already
        }
    }

    private static string GoodbyeText(GoodbyeReason reason) => reason switch
    {
        GoodbyeReason.Revoked => "this cluster was revoked; only a new bootstrap token brings it back",
        GoodbyeReason.CertificateExpired => "the certificate this stream was opened with expired; reconnect with the renewed one",
        GoodbyeReason.ShuttingDown => "the hub is shutting down; reconnect after retry_after",
        GoodbyeReason.Superseded => "a newer stream of this cluster took over",
        _ => reason.ToString(),
    };

    private static Target ToTarget(TargetEntry? entry) => new()
    {
        Digest = entry?.Digest ?? "",
        Revision = entry?.Revision ?? "",
        Generation = (ulong)Math.Max(entry?.Generation ?? 0, 0),
    };
}
