using Edgeplane.Hub.Gateway.Bundles;
using Edgeplane.Hub.Gateway.Sessions;
using Edgeplane.Hub.Identity;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Gateway;

/// <summary>
/// The whole <c>AgentGateway</c> gRPC service: Discover, Enroll and Renew from <see cref="AgentGatewayIdentityService"/>,
/// Connect (<see cref="ConnectHandler"/>) and FetchBundle (<see cref="BundleServer"/>) here.
/// </summary>
internal sealed class AgentGatewayService(EnrollmentService enrollment, ConnectHandler connect, BundleServer bundles)
    : AgentGatewayIdentityService(enrollment)
{
    public override Task Connect(
        IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<HubMessage> responseStream, ServerCallContext context) =>
        connect.HandleAsync(requestStream, responseStream, context);

    public override Task FetchBundle(FetchBundleRequest request, IServerStreamWriter<BundleChunk> responseStream, ServerCallContext context) =>
        bundles.ServeAsync(request, responseStream, context);
}
