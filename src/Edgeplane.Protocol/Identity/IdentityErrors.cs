using System.Collections.Frozen;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Protocol.Identity;

/// <summary>
/// How an <see cref="IdentityError"/> travels: its gRPC status code, and its name in the trailer
/// <see cref="GatewayMetadata.IdentityErrorKey"/> (e.g. <c>ClusterRevoked</c>). The hub writes and the agent reads the
/// trailer only through here, and the agent compares the enum value, never the text.
/// </summary>
public static class IdentityErrors
{
    private static readonly FrozenDictionary<string, IdentityError> ByText = Enum.GetValues<IdentityError>()
        .Where(e => e != IdentityError.Unspecified)
        .ToFrozenDictionary(TextOf, StringComparer.Ordinal);

    /// <summary>The trailer text of <paramref name="error"/>: its PascalCase name (e.g. <c>AlreadyRenewed</c>).</summary>
    public static string TextOf(IdentityError error) => error.ToString();

    /// <summary>The error a trailer text names, or <see cref="IdentityError.Unspecified"/> for none or an unknown one.</summary>
    public static IdentityError Parse(string? text) =>
        text is not null && ByText.TryGetValue(text, out var error) ? error : IdentityError.Unspecified;

    /// <summary>The error in the trailers of a refused call, or <see cref="IdentityError.Unspecified"/>.</summary>
    public static IdentityError Read(Metadata? trailers) => Parse(trailers?.GetValue(GatewayMetadata.IdentityErrorKey));

    /// <summary>The error a refused call carries (<see cref="Read"/> of its trailers).</summary>
    public static IdentityError Of(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Read(exception.Trailers);
    }

    /// <summary>Trailers that carry <paramref name="error"/>.</summary>
    public static Metadata ToTrailers(IdentityError error) => new() { { GatewayMetadata.IdentityErrorKey, TextOf(error) } };

    /// <summary>The gRPC status code a refusal for <paramref name="error"/> ends with.</summary>
    public static StatusCode StatusCodeOf(IdentityError error) => error switch
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
}
