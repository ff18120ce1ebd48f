using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// The identity half of the <c>AgentGateway</c> gRPC service: Discover, Enroll and Renew. Connect and FetchBundle answer
/// Unimplemented here; the gateway derives from this class to add them (one gRPC service maps to one class).
/// </summary>
internal class AgentGatewayIdentityService(EnrollmentService enrollment) : AgentGateway.AgentGatewayBase
{
    /// <inheritdoc />
    public override Task<DiscoverResponse> Discover(DiscoverRequest request, ServerCallContext context) =>
        Task.FromResult(enrollment.Discover());

    /// <inheritdoc />
    public override Task<EnrollResponse> Enroll(EnrollRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return enrollment.EnrollAsync(request, context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<RenewResponse> Renew(RenewRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return enrollment.RenewAsync(context.GetAgentPeer(), request, context.CancellationToken);
    }
}
