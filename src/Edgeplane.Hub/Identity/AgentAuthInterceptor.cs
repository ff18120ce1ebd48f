using Edgeplane.Protocol;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// Authenticates every <c>AgentGateway</c> call except Discover and Enroll by its client certificate and makes the
/// <see cref="AgentPeer"/> available through <see cref="AgentCallContext.GetAgentPeer"/>. Calls of other gRPC
/// services pass through untouched. <see cref="IdentityException"/>s from handlers become gRPC errors here.
/// </summary>
internal sealed class AgentAuthInterceptor(AgentCertificateValidator validator) : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthenticateAsync(context).ConfigureAwait(false);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (IdentityException e)
        {
            throw e.ToRpcException();
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthenticateAsync(context).ConfigureAwait(false);
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (IdentityException e)
        {
            throw e.ToRpcException();
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthenticateAsync(context).ConfigureAwait(false);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (IdentityException e)
        {
            throw e.ToRpcException();
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthenticateAsync(context).ConfigureAwait(false);
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (IdentityException e)
        {
            throw e.ToRpcException();
        }
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        if (!context.Method.StartsWith(GatewayMethods.ServicePrefix, StringComparison.Ordinal)
            || GatewayMethods.IsAnonymous(context.Method))
        {
            return;
        }
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        try
        {
            var peer = await validator.AuthenticateAsync(certificate, context.CancellationToken).ConfigureAwait(false);
            context.UserState[AgentCallContext.PeerKey] = peer;
        }
        catch (IdentityException e)
        {
            throw e.ToRpcException();
        }
    }
}
