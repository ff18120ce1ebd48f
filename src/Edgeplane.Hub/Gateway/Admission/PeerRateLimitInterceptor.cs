using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>
/// Applies <see cref="PeerCallLimits"/> to the gateway's unary and server-streaming calls (Discover, Enroll, Renew,
/// FetchBundle) before any handler or store lookup runs. It keys authenticated calls on the TLS-verified certificate,
/// so it does not depend on running after <c>AgentAuthInterceptor</c>.
/// </summary>
internal sealed class PeerRateLimitInterceptor(PeerCallLimits limits) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        limits.Admit(context.Method, context.GetHttpContext());
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        limits.Admit(context.Method, context.GetHttpContext());
        return continuation(request, responseStream, context);
    }
}
