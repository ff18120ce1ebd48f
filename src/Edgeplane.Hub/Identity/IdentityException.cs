using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Hub.Identity;

/// <summary>A refused identity operation: a typed <see cref="IdentityError"/> and a message safe to show the caller.</summary>
internal sealed class IdentityException(IdentityError error, string message) : Exception(message)
{
    /// <summary>What went wrong.</summary>
    public IdentityError Error { get; } = error;

    /// <summary>The gRPC status code for <see cref="Error"/>.</summary>
    public StatusCode StatusCode => IdentityErrors.StatusCodeOf(Error);

    /// <summary>The exception as the gRPC error the caller sees, with the typed reason in a trailer.</summary>
    public RpcException ToRpcException() =>
        new(new Status(StatusCode, Message), IdentityErrors.ToTrailers(Error));
}
