using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.Protocol.Tests.Identity;

/// <summary>Identity error codes: one enum in the proto, the trailer text v1 always sent, matched by value.</summary>
public sealed class IdentityErrorsTests
{
    // The trailer texts on the wire since v1 (docs, agents in the field and tests rely on them): never change one.
    public static TheoryData<IdentityError, string, StatusCode> Wire() => new()
    {
        { IdentityError.TokenInvalid, "TokenInvalid", StatusCode.Unauthenticated },
        { IdentityError.TokenExpired, "TokenExpired", StatusCode.Unauthenticated },
        { IdentityError.TokenUsed, "TokenUsed", StatusCode.Unauthenticated },
        { IdentityError.TokenClusterMismatch, "TokenClusterMismatch", StatusCode.PermissionDenied },
        { IdentityError.TokenTtlOutOfRange, "TokenTtlOutOfRange", StatusCode.InvalidArgument },
        { IdentityError.CsrInvalid, "CsrInvalid", StatusCode.InvalidArgument },
        { IdentityError.ProtocolVersionUnsupported, "ProtocolVersionUnsupported", StatusCode.FailedPrecondition },
        { IdentityError.CertificateRequired, "CertificateRequired", StatusCode.Unauthenticated },
        { IdentityError.CertificateRejected, "CertificateRejected", StatusCode.PermissionDenied },
        { IdentityError.ClusterMismatch, "ClusterMismatch", StatusCode.PermissionDenied },
        { IdentityError.ClusterRevoked, "ClusterRevoked", StatusCode.PermissionDenied },
        { IdentityError.RenewalTooEarly, "RenewalTooEarly", StatusCode.FailedPrecondition },
        { IdentityError.AlreadyRenewed, "AlreadyRenewed", StatusCode.FailedPrecondition },
    };

    [Theory]
    [MemberData(nameof(Wire))]
    public void Trailer_TextAndStatus_AsV1SentThem_ReadBackAsTheValue(IdentityError error, string text, StatusCode code)
    {
        var trailers = IdentityErrors.ToTrailers(error);

        Assert.Equal(text, trailers.GetValue("edgeplane-identity-error"));
        Assert.Equal(text, IdentityErrors.TextOf(error));
        Assert.Equal(code, IdentityErrors.StatusCodeOf(error));
        Assert.Equal(error, IdentityErrors.Read(trailers));
        Assert.Equal(error, IdentityErrors.Of(new RpcException(new Status(code, "refused"), trailers)));
    }

    [Fact]
    public void Wire_CoversEveryValueOfTheEnum()
    {
        var covered = Wire().Select(row => (IdentityError)row[0]).Append(IdentityError.Unspecified);

        Assert.Equal(Enum.GetValues<IdentityError>().Order(), covered.Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("clusterrevoked")]
    [InlineData("Unspecified")]
    [InlineData("11")]
    [InlineData("IDENTITY_ERROR_CLUSTER_REVOKED")]
    public void Parse_NoneOrUnknownText_Unspecified(string? text)
    {
        Assert.Equal(IdentityError.Unspecified, IdentityErrors.Parse(text));
    }

    [Fact]
    public void Read_NoTrailer_Unspecified()
    {
        Assert.Equal(IdentityError.Unspecified, IdentityErrors.Read(null));
        Assert.Equal(IdentityError.Unspecified, IdentityErrors.Of(new RpcException(new Status(StatusCode.PermissionDenied, "no"))));
        Assert.Equal(StatusCode.Internal, IdentityErrors.StatusCodeOf(IdentityError.Unspecified));
    }
}
