using Edgeplane.Protocol;
using Grpc.Core;

namespace Edgeplane.Hub.Identity;

/// <summary>A refused identity operation: a typed <see cref="IdentityError"/> and a message safe to show the caller.</summary>
internal sealed class IdentityException(IdentityError error, string message) : Exception(message)
{
    /// <summary>What went wrong.</summary>
    public IdentityError Error { get; } = error;

    /// <summary>The gRPC status code for <see cref="Error"/>.</summary>
    public StatusCode StatusCode => Error switch
    {
        IdentityError.TokenInvalid or IdentityError.TokenExpired or IdentityError.TokenUsed
            or IdentityError.CertificateRequired => StatusCode.Unauthenticated,
        IdentityError.TokenClusterMismatch or IdentityError.CertificateRejected or IdentityError.ClusterMismatch
            or IdentityError.ClusterRevoked => StatusCode.PermissionDenied,
        IdentityError.CsrInvalid or IdentityError.TokenTtlOutOfRange => StatusCode.InvalidArgument,
        IdentityError.ProtocolVersionUnsupported or IdentityError.RenewalTooEarly
            or IdentityError.AlreadyRenewed => StatusCode.FailedPrecondition,
        _ => StatusCode.Internal,
    };

    /// <summary>The exception as the gRPC error the caller sees, with the typed reason in a trailer.</summary>
    public RpcException ToRpcException() =>
        new(new Status(StatusCode, Message), new Metadata { { GatewayMetadata.IdentityErrorKey, Error.ToString() } });
}
