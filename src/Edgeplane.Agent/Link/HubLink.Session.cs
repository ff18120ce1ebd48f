using Edgeplane.Agent.Identity;
using Edgeplane.Agent.Status;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Edgeplane.Agent.Link;

internal sealed partial class HubLink
{
    /// <summary>One Connect stream from Hello to its end; never throws but for the caller's cancellation.</summary>
    private async Task<SessionEnd> RunSessionAsync(CancellationToken cancellationToken)
    {
        var welcomed = false;
        Task? writing = null;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_lock)
        {
            _session = session;
        }
        try
        {
            var client = new AgentGateway.AgentGatewayClient(Channel());
            using var call = client.Connect(cancellationToken: session.Token);
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = Hello() }, session.Token).ConfigureAwait(false);
            var first = await FirstMessageAsync(call.ResponseStream, session.Token).ConfigureAwait(false);
            if (first?.Goodbye is { } early)
            {
                return Farewell(early, welcomed: false);
            }
            if (first?.Welcome is not { } welcome)
            {
                return new SessionEnd(SessionEndKind.Failed, first is null
                    ? "the hub ended the stream before its Welcome" : $"the hub answered Hello with {first.BodyCase}, not Welcome");
            }
            welcomed = true;
            var interval = OnWelcome(welcome, session.Token, out var heartbeat);
            writing = WriteLoopAsync(call.RequestStream, interval, heartbeat, session.Token);
            return await ReadLoopAsync(call.ResponseStream, session.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is RpcException or OperationCanceledException or IOException)
        {
            return new SessionEnd(SessionEndKind.Failed, "the agent is stopping", Welcomed: welcomed);
        }
        catch (RpcException e)
        {
            return Refused(e, welcomed);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException
            or OperationCanceledException)
        {
            return new SessionEnd(SessionEndKind.Failed, $"the connection to {_options.Hub} failed: {e.Message}", Welcomed: welcomed);
        }
        finally
        {
            lock (_lock)
            {
                _session = null;
            }
            await session.CancelAsync().ConfigureAwait(false);
            if (writing is not null)
            {
                await writing.ConfigureAwait(false);
            }
        }
    }

    private Hello Hello()
    {
        var (applied, generation) = _deps.HelloFacts();
        return new Hello
        {
            ClusterId = _deps.Identity.Current.Cluster.Value,
            AgentVersion = _options.AgentVersion,
            ProtocolVersion = ProtocolVersions.Current,
            AppliedDigest = applied,
            LastAckedStatusSequence = _deps.Outbox.LastAcked,
            LastTargetGeneration = generation,
        };
    }

    private async Task<HubMessage?> FirstMessageAsync(IAsyncStreamReader<HubMessage> responses, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.WelcomeTimeout);
        try
        {
            return await responses.MoveNext(timeout.Token).ConfigureAwait(false) ? responses.Current : null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"no Welcome from the hub within {_options.WelcomeTimeout.TotalSeconds:0.#} s", e);
        }
    }

    /// <summary>
    /// Takes the Welcome: resets the back-off, starts the first heartbeat timer (before anyone is told the link is up, so
    /// whoever reacts to Connected finds it running), and hands the target to the reconciler.
    /// </summary>
    private TimeSpan OnWelcome(Welcome welcome, CancellationToken cancellationToken, out Task heartbeat)
    {
        _backoff = _options.ReconnectInitialDelay;
        var interval = welcome.HeartbeatInterval?.ToTimeSpan() is { } t && t > TimeSpan.Zero ? t : _options.DefaultHeartbeatInterval;
        heartbeat = Task.Delay(interval, _deps.Time, cancellationToken);
        SetStatus(HubLinkState.Connected, $"connected to {_options.Hub} (protocol {welcome.ProtocolVersion}, heartbeat {interval.TotalSeconds:0.#} s)");
        LogConnected(_deps.Logger, _options.Hub, welcome.Target?.Digest ?? "", welcome.Target?.Generation ?? 0);
        if (welcome.Target is { } target)
        {
            _deps.OnTarget(new HubTarget(target.Digest, target.Revision, target.Generation));
        }
        return interval;
    }

    /// <summary>Reads until the stream ends: targets go to the reconciler, acks to the outbox, a Goodbye ends the session.</summary>
    private async Task<SessionEnd> ReadLoopAsync(IAsyncStreamReader<HubMessage> responses, CancellationToken cancellationToken)
    {
        while (await responses.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var message = responses.Current;
            switch (message.BodyCase)
            {
                case HubMessage.BodyOneofCase.TargetChanged when message.TargetChanged.Target is { } target:
                    _deps.OnTarget(new HubTarget(target.Digest, target.Revision, target.Generation));
                    break;
                case HubMessage.BodyOneofCase.Welcome when message.Welcome.Target is { } target:
                    _deps.OnTarget(new HubTarget(target.Digest, target.Revision, target.Generation));
                    break;
                case HubMessage.BodyOneofCase.StatusAck:
                    _deps.Outbox.Ack(message.StatusAck.UpToSequence);
                    break;
                case HubMessage.BodyOneofCase.Goodbye:
                    return Farewell(message.Goodbye, welcomed: true);
                default:
                    // Unknown message kinds from a newer hub are ignored (docs/protocol.md, compatibility).
                    break;
            }
        }
        return new SessionEnd(SessionEndKind.Failed, "the hub ended the stream", Welcomed: true);
    }

    /// <summary>Sends every unacknowledged report (oldest first), new ones as they come, and a heartbeat every interval.</summary>
    private async Task WriteLoopAsync(IClientStreamWriter<AgentMessage> requests, TimeSpan heartbeatInterval, Task heartbeat,
        CancellationToken cancellationToken)
    {
        var sent = _deps.Outbox.LastAcked;
        try
        {
            while (true)
            {
                var changed = _deps.Outbox.Changed;
                foreach (var report in _deps.Outbox.PendingAfter(sent))
                {
                    await requests.WriteAsync(new AgentMessage { Status = report }, cancellationToken).ConfigureAwait(false);
                    sent = report.Sequence;
                }
                await Task.WhenAny(changed, heartbeat).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (heartbeat.IsCompleted)
                {
                    // The next timer starts before this heartbeat leaves, so the interval is measured from the tick, not the send.
                    var now = _deps.Time.GetUtcNow();
                    heartbeat = Task.Delay(heartbeatInterval, _deps.Time, cancellationToken);
                    await requests.WriteAsync(new AgentMessage { Heartbeat = new Heartbeat { Time = Timestamp.FromDateTimeOffset(now) } },
                        cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or InvalidOperationException)
        {
            // The session is over (the reader saw why) or the stream broke (the reader sees it next).
        }
    }

    private static SessionEnd Farewell(Goodbye goodbye, bool welcomed)
    {
        var text = string.IsNullOrEmpty(goodbye.Message) ? goodbye.Reason.ToString() : $"{goodbye.Reason}: {goodbye.Message}";
        var hint = goodbye.RetryAfter?.ToTimeSpan() is { } t && t > TimeSpan.Zero ? t : (TimeSpan?)null;
        return goodbye.Reason switch
        {
            GoodbyeReason.Revoked => new SessionEnd(SessionEndKind.Revoked, $"the hub revoked this cluster ({text})", Welcomed: welcomed),
            GoodbyeReason.CertificateExpired => new SessionEnd(SessionEndKind.Reconnect, $"the hub ended the session: {text}", Welcomed: welcomed),
            GoodbyeReason.ProtocolVersionUnsupported => new SessionEnd(SessionEndKind.Unsupported, $"the hub refused the protocol: {text}", Welcomed: welcomed),
            GoodbyeReason.Superseded => new SessionEnd(SessionEndKind.Failed,
                $"another stream of this cluster took over ({text}); is a second agent running with this identity?", Welcomed: welcomed),
            // SHUTTING_DOWN, OVERLOADED and reasons added later: come back after the hint, or the back-off without one.
            _ when hint is not null => new SessionEnd(SessionEndKind.RetryAfter, $"the hub ended the session: {text}", hint, welcomed),
            _ => new SessionEnd(SessionEndKind.Failed, $"the hub ended the session: {text}", Welcomed: welcomed),
        };
    }

    private SessionEnd Refused(RpcException e, bool welcomed)
    {
        if (IsRevocation(e))
        {
            return new SessionEnd(SessionEndKind.Revoked, $"the hub revoked this cluster ({e.Status.Detail})", Welcomed: welcomed);
        }
        var what = e.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated ? "the hub refused this agent" : "the session failed";
        return new SessionEnd(SessionEndKind.Failed, $"{what}: {e.StatusCode}: {e.Status.Detail}", Welcomed: welcomed);
    }

    private static bool IsRevocation(RpcException e) =>
        e.StatusCode == StatusCode.PermissionDenied && IdentityErrors.Of(e) == IdentityError.ClusterRevoked;
}
