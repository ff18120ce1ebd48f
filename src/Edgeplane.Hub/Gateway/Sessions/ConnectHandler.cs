using Edgeplane.Hub.Gateway.Admission;
using Edgeplane.Hub.Gateway.Availability;
using Edgeplane.Hub.Gateway.Fanout;
using Edgeplane.Hub.Identity;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Gateway.Sessions;

/// <summary>
/// The Connect RPC: admission, Hello (its cluster must be the certificate's, exactly), registration for revocation
/// and expiry, superseding an older stream of the same cluster, then the <see cref="ConnectSession"/> until it ends.
/// </summary>
internal sealed partial class ConnectHandler(
    SessionServices services,
    SessionTable sessions,
    AgentConnectionRegistry registry,
    AdmissionController admission,
    TargetIndex index,
    AvailabilityTracker availability,
    GatewayOptions options,
    TimeProvider time,
    ILogger<ConnectHandler> logger)
{
    public async Task HandleAsync(IAsyncStreamReader<AgentMessage> requests, IServerStreamWriter<HubMessage> responses, ServerCallContext context)
    {
        var peer = context.GetAgentPeer();
        if (!admission.TryAdmitStream(out var retryAfter))
        {
            await RejectAsync(responses, peer, retryAfter).ConfigureAwait(false);
        }
        var hello = await ReadHelloAsync(requests, context.CancellationToken).ConfigureAwait(false);
        peer.RequireCluster(hello.ClusterId);
        if (!ProtocolVersions.IsSupported(hello.ProtocolVersion))
        {
            services.Metrics.Connects.WithLabels("refused").Inc();
            await responses.WriteAsync(new HubMessage { Goodbye = new Goodbye
            {
                Reason = GoodbyeReason.ProtocolVersionUnsupported,
                Message = $"protocol version {hello.ProtocolVersion} is not supported; this hub speaks {ProtocolVersions.MinSupported} to {ProtocolVersions.Current}",
            } }).ConfigureAwait(false);
            return;
        }
        await index.WhenLoaded.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        using var connection = await registry.OpenAsync(peer, context.CancellationToken).ConfigureAwait(false);
        using var session = new ConnectSession(services, connection, responses);
        await RunAsync(session, hello, requests).ConfigureAwait(false);
    }

    private async Task RunAsync(ConnectSession session, Hello hello, IAsyncStreamReader<AgentMessage> requests)
    {
        services.Metrics.Connects.WithLabels("accepted").Inc();
        services.Metrics.ConnectedAgents.Inc();
        sessions.Attach(session);
        var link = availability.Connected(session.Cluster, session.Id, string.IsNullOrEmpty(hello.AgentVersion) ? null : hello.AgentVersion);
        session.Link = link;
        LogConnected(logger, session.Cluster, hello.AgentVersion, hello.LastAckedStatusSequence);
        try
        {
            await session.RunAsync(hello, requests).ConfigureAwait(false);
        }
        finally
        {
            sessions.Detach(session);
            var reason = session.EndReason;
            availability.Disconnected(link, session.Id, loss: reason is null && !session.StoreFailed);
            if (reason == GoodbyeReason.Revoked)
            {
                availability.Revoked(session.Cluster);
            }
            services.Metrics.ConnectedAgents.Dec();
            LogDisconnected(logger, session.Cluster, reason?.ToString() ?? "ClosedByAgent");
        }
    }

    private async Task RejectAsync(IServerStreamWriter<HubMessage> responses, AgentPeer peer, TimeSpan retryAfter)
    {
        services.Metrics.Connects.WithLabels("admission_rejected").Inc();
        services.Metrics.AdmissionRejections.WithLabels("stream").Inc();
        LogRejected(logger, peer.Cluster.Value, retryAfter);
        var message = $"the hub admits {options.ConnectRate:0.#} new streams per second and is at that rate now; retry after {retryAfter.TotalSeconds:0.0} s";
        try
        {
            await responses.WriteAsync(new HubMessage { Goodbye = new Goodbye
            {
                Reason = GoodbyeReason.Overloaded,
                Message = message,
                RetryAfter = Duration.FromTimeSpan(retryAfter),
            } }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // the agent is gone; the status below is for the record
        }
        throw new RpcException(new Grpc.Core.Status(StatusCode.ResourceExhausted, message));
    }

    private async Task<Hello> ReadHelloAsync(IAsyncStreamReader<AgentMessage> requests, CancellationToken callAborted)
    {
        using var timeout = new CancellationTokenSource(options.HelloTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callAborted, timeout.Token);
        try
        {
            if (await requests.MoveNext(linked.Token).ConfigureAwait(false) && requests.Current.Hello is { } hello)
            {
                return hello;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !callAborted.IsCancellationRequested)
        {
            // fall through to the error below
        }
        throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument,
            $"the first message on Connect must be Hello, sent within {options.HelloTimeout.TotalSeconds:0} s"));
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Agent of {Cluster} connected (version {AgentVersion}, last acked status {Acked})")]
    private static partial void LogConnected(ILogger logger, string cluster, string agentVersion, ulong acked);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Agent of {Cluster} disconnected: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, string cluster, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Connect of {Cluster} refused by admission control; retry after {RetryAfter}")]
    private static partial void LogRejected(ILogger logger, string cluster, TimeSpan retryAfter);
}
