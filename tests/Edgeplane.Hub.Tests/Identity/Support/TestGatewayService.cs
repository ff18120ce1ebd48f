using Edgeplane.Hub.Identity;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>
/// The identity service plus a minimal Connect that uses the connection registry the way the real gateway will:
/// hello must name the certificate's cluster, the stream lives until its registry token is cancelled, then Goodbye.
/// </summary>
internal sealed class TestGatewayService(EnrollmentService enrollment, AgentConnectionRegistry registry, GatewayKnobs knobs, TimeProvider time)
    : AgentGatewayIdentityService(enrollment)
{
    public override async Task<RenewResponse> Renew(RenewRequest request, ServerCallContext context)
    {
        if (Interlocked.Decrement(ref knobs.FailRenewals) >= 0)
        {
            throw new RpcException(new Status(knobs.FailRenewalsWith, "hub busy (test)"));
        }
        var response = await base.Renew(request, context);
        if (Interlocked.Decrement(ref knobs.LoseRenewalAnswers) >= 0)
        {
            knobs.LostAnswers.Add(response);
            throw new RpcException(new Status(StatusCode.Unavailable, "answer lost (test)"));
        }
        return response;
    }

    public override async Task Connect(
        IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<HubMessage> responseStream, ServerCallContext context)
    {
        var peer = context.GetAgentPeer();
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.Hello is not { } hello)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message must be Hello"));
        }
        peer.RequireCluster(hello.ClusterId);
        using var connection = await registry.OpenAsync(peer, context.CancellationToken);
        await responseStream.WriteAsync(new HubMessage
        {
            Welcome = new Welcome { ServerTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()), ProtocolVersion = ProtocolVersions.Current },
        });
        try
        {
            await Task.Delay(Timeout.Infinite, connection.Token);
        }
        catch (OperationCanceledException)
        {
        }
        if (connection.EndReason is { } reason)
        {
            await responseStream.WriteAsync(new HubMessage { Goodbye = new Goodbye { Reason = reason, Message = reason.ToString() } });
        }
    }

    public override async Task FetchBundle(FetchBundleRequest request, IServerStreamWriter<BundleChunk> responseStream, ServerCallContext context)
    {
        _ = context.GetAgentPeer();
        await responseStream.WriteAsync(new BundleChunk { Final = true });
    }
}

/// <summary>Faults the test gateway injects.</summary>
public sealed class GatewayKnobs
{
    /// <summary>How many of the next Renew calls fail with <see cref="FailRenewalsWith"/>.</summary>
    public int FailRenewals;

    /// <summary>The status of the failed Renew calls (default Unavailable).</summary>
    public StatusCode FailRenewalsWith = StatusCode.Unavailable;

    /// <summary>How many of the next renewals are issued and then not delivered (the agent sees Unavailable).</summary>
    public int LoseRenewalAnswers;

    /// <summary>The answers that were not delivered.</summary>
    public System.Collections.Concurrent.ConcurrentBag<RenewResponse> LostAnswers { get; } = [];
}
