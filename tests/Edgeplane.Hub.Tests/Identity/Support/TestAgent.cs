using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Agent.Identity;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.Hub.Tests.Identity.Support;

/// <summary>An agent with its own state folder, driving the hub through the real agent identity code.</summary>
public sealed class TestAgent(string stateDirectory, FakeTimeProvider time)
{
    public AgentIdentityFiles Files { get; } = new(stateDirectory);

    public Task<AgentCredentials> EnrollAsync(Uri hub, BootstrapToken token, string? expectedCluster = null) =>
        new EnrollmentClient(Files, time, NullLogger<EnrollmentClient>.Instance).EnrollAsync(
            hub, token, expectedCluster is null ? null : ClusterId.Parse(expectedCluster), CancellationToken.None);

    public static AgentGateway.AgentGatewayClient Client(Uri hub, AgentCredentials credentials, TimeProvider time) =>
        new(HubChannels.Create(hub, credentials, time));

    /// <summary>A client that trusts the hub CA but presents no certificate.</summary>
    public static AgentGateway.AgentGatewayClient AnonymousClient(Uri hub, X509Certificate2 hubCa, TimeProvider time)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = HubTrust.Callback(hubCa, time) },
        };
        return new(GrpcChannel.ForAddress(hub, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true }));
    }

    /// <summary>Opens Connect with <paramref name="claimedCluster"/> in Hello and returns the call after the first hub message.</summary>
    public static async Task<(AsyncDuplexStreamingCall<AgentMessage, HubMessage> Call, HubMessage First)> ConnectAsync(
        AgentGateway.AgentGatewayClient client, string claimedCluster)
    {
        var call = client.Connect();
        try
        {
            await call.RequestStream.WriteAsync(new AgentMessage
            {
                Hello = new Hello { ClusterId = claimedCluster, ProtocolVersion = ProtocolVersions.Current },
            });
        }
        catch (RpcException)
        {
            // The hub may refuse the call before it reads Hello; its status comes with the response below.
        }
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        return (call, call.ResponseStream.Current);
    }
}
