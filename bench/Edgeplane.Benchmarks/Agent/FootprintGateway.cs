using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Edgeplane.Hub.Identity;
using Edgeplane.Hub.Tests.Identity.Support;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Benchmarks.Agent;

/// <summary>
/// A protocol-level hub for the footprint run: the hub's own identity services (CA, tokens, mTLS, per-call checks) plus a
/// Connect that welcomes with one target and acknowledges status, and a FetchBundle that streams it gzipped. The agent is
/// measured, not this; it runs in the benchmark process, the agent in its own.
/// </summary>
internal sealed class FootprintGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FootprintGateway(WebApplication app, Uri address, FootprintHubState state)
    {
        _app = app;
        Address = address;
        State = state;
    }

    public Uri Address { get; }

    public FootprintHubState State { get; }

    public static async Task<FootprintGateway> StartAsync(string dataDirectory, FootprintHubState state)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IIdentityStore>(new InMemoryIdentityStore());
        builder.Services.AddSingleton(state);
        builder.Services.AddEdgeplaneIdentity(new IdentityOptions { DataDirectory = dataDirectory });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseEdgeplaneGatewayTls()));
        var app = builder.Build();
        app.MapGrpcService<FootprintGatewayService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FootprintGateway(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), state);
    }

    public async Task<string> CreateTokenAsync(string cluster)
    {
        var created = await _app.Services.GetRequiredService<BootstrapTokenService>().CreateAsync(ClusterId.Parse(cluster), null, CancellationToken.None);
        return created.Token.Format();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The one target served, and what the agent reported.</summary>
internal sealed class FootprintHubState(byte[] bundle)
{
    public byte[] Bundle { get; } = bundle;

    public string Digest { get; } = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bundle));

    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Heartbeats;

    public int Reports;
}

internal sealed class FootprintGatewayService(EnrollmentService enrollment, FootprintHubState state) : AgentGatewayIdentityService(enrollment)
{
    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<HubMessage> responseStream,
        ServerCallContext context)
    {
        var peer = context.GetAgentPeer();
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.Hello is not { } hello)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "the first message must be Hello"));
        }
        peer.RequireCluster(hello.ClusterId);
        await responseStream.WriteAsync(new HubMessage
        {
            Welcome = new Welcome
            {
                Target = new Target { Digest = state.Digest, Revision = "bench", Generation = 1 },
                HeartbeatInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)),
                ServerTime = Timestamp.FromDateTime(DateTime.UtcNow),
                ProtocolVersion = ProtocolVersions.Negotiate(hello.ProtocolVersion),
            },
        });
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                var message = requestStream.Current;
                if (message.Heartbeat is not null)
                {
                    Interlocked.Increment(ref state.Heartbeats);
                }
                else if (message.Status is { } report)
                {
                    Interlocked.Increment(ref state.Reports);
                    await responseStream.WriteAsync(new HubMessage { StatusAck = new StatusAck { UpToSequence = report.Sequence } });
                    if (report.AppliedDigest == state.Digest && report.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True))
                    {
                        state.Ready.TrySetResult();
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // the agent went away
        }
    }

    public override async Task FetchBundle(FetchBundleRequest request, IServerStreamWriter<BundleChunk> responseStream, ServerCallContext context)
    {
        _ = context.GetAgentPeer();
        if (request.Digest != state.Digest)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, $"no bundle {request.Digest}"));
        }
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(state.Bundle);
        }
        var bytes = output.ToArray();
        await responseStream.WriteAsync(new BundleChunk
        {
            Offset = 0,
            Data = ByteString.CopyFrom(bytes),
            Compression = BundleCompression.Gzip,
            CompressedSize = (ulong)bytes.Length,
            UncompressedSize = (ulong)state.Bundle.Length,
            CompressedSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Final = true,
        });
    }
}
