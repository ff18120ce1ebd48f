using System.Security.Cryptography;
using Edgeplane.Hub.Identity;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Edgeplane.Agent.Tests.Support;

/// <summary>
/// A minimal gateway that follows docs/protocol.md: the hub's real identity services (Discover, Enroll, Renew, per-call
/// certificate checks, revocation through the connection registry) plus Connect and FetchBundle written straight from
/// the contract, so the agent is tested against the protocol and not against one hub implementation.
/// </summary>
internal sealed class ProtocolGatewayService(EnrollmentService enrollment, AgentConnectionRegistry registry, GatewayState state, TimeProvider time)
    : AgentGatewayIdentityService(enrollment)
{
    public override Task<EnrollResponse> Enroll(EnrollRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref state.Enrolments);
        state.Changed.Notify();
        return base.Enroll(request, context);
    }

    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<HubMessage> responseStream,
        ServerCallContext context)
    {
        var peer = context.GetAgentPeer();
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.Hello is not { } hello)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "the first message must be Hello"));
        }
        peer.RequireCluster(hello.ClusterId);
        Interlocked.Increment(ref state.Connects);
        state.Record(hello);
        if (state.GoodbyeInsteadOfWelcome is { } early)
        {
            state.GoodbyeInsteadOfWelcome = null;
            await responseStream.WriteAsync(new HubMessage { Goodbye = early });
            return;
        }
        using var connection = await registry.OpenAsync(peer, context.CancellationToken);
        var cluster = hello.ClusterId;
        var session = state.Open(cluster, connection.Token);
        try
        {
            await responseStream.WriteAsync(new HubMessage
            {
                Welcome = new Welcome
                {
                    Target = state.TargetOf(cluster) ?? new Target(),
                    HeartbeatInterval = Duration.FromTimeSpan(state.HeartbeatInterval),
                    ServerTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                    ProtocolVersion = ProtocolVersions.Negotiate(hello.ProtocolVersion),
                },
            });
            var reading = ReadAsync(cluster, requestStream, session, session.Abort.Token);
            await WriteAsync(responseStream, session, session.Abort.Token);
            await reading;
        }
        finally
        {
            state.Close(cluster, session);
        }
        if (connection.EndReason is { } reason)
        {
            await responseStream.WriteAsync(new HubMessage { Goodbye = new Goodbye { Reason = reason, Message = "dropped by the hub" } });
        }
    }

    private static async Task WriteAsync(IServerStreamWriter<HubMessage> responses, GatewayState.Session session, CancellationToken token)
    {
        try
        {
            await foreach (var message in session.Outgoing.Reader.ReadAllAsync(token))
            {
                await responses.WriteAsync(message, token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReadAsync(string cluster, IAsyncStreamReader<AgentMessage> requests, GatewayState.Session session, CancellationToken token)
    {
        try
        {
            while (await requests.MoveNext(token))
            {
                var message = requests.Current;
                if (message.Heartbeat is not null)
                {
                    Interlocked.Increment(ref state.Heartbeats);
                    state.Changed.Notify();
                }
                else if (message.Status is { } report)
                {
                    // Like the hub: a report seen before is not stored twice, but it is acknowledged again.
                    state.Record(cluster, report);
                    if (!state.AckStatus)
                    {
                        continue;
                    }
                    session.Outgoing.Writer.TryWrite(new HubMessage { StatusAck = new StatusAck { UpToSequence = report.Sequence } });
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or RpcException)
        {
        }
        finally
        {
            session.Outgoing.Writer.TryComplete();
        }
    }

    public override async Task FetchBundle(FetchBundleRequest request, IServerStreamWriter<BundleChunk> responseStream, ServerCallContext context)
    {
        _ = context.GetAgentPeer();
        Interlocked.Increment(ref state.Fetches);
        state.FetchOffsets.Enqueue(request.Offset);
        state.Changed.Notify();
        var bundle = state.ServeInstead?.Invoke(request.Digest) ?? state.Bundle(request.Digest)
            ?? throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, $"no bundle {request.Digest}"));
        var gzip = GatewayState.Gzip(bundle);
        var sha = Convert.ToHexStringLower(SHA256.HashData(gzip));
        var breakAfter = state.BreakFetchAfterChunks;
        state.BreakFetchAfterChunks = null;
        var sent = 0;
        for (var offset = (int)request.Offset; offset < gzip.Length; offset += state.ChunkBytes)
        {
            if (breakAfter is { } n && sent == n)
            {
                throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "download broken (test)"));
            }
            var length = Math.Min(state.ChunkBytes, gzip.Length - offset);
            var final = offset + length >= gzip.Length;
            await responseStream.WriteAsync(new BundleChunk
            {
                Offset = (ulong)offset,
                Data = ByteString.CopyFrom(gzip, offset, length),
                Compression = BundleCompression.Gzip,
                CompressedSize = (ulong)gzip.Length,
                UncompressedSize = (ulong)bundle.Length,
                CompressedSha256 = final ? sha : "",
                Final = final,
            });
            sent++;
            if (final)
            {
                state.Changed.Notify();
                return;
            }
        }
    }
}
