using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// Enroll and Renew: turns a bootstrap token (or a valid client certificate) plus a CSR into a client certificate
/// whose subject is exactly <c>CN=&lt;cluster id&gt;</c>. The agent's private key never reaches the hub.
/// </summary>
internal sealed partial class EnrollmentService(
    HubCertificateAuthority ca,
    IIdentityStore store,
    IdentityOptions options,
    TimeProvider time,
    ILogger<EnrollmentService> logger)
{
    /// <summary>A certificate can be renewed once this fraction of its lifetime has passed (agents renew at half).</summary>
    public const double MinRenewalAgeFraction = 0.1;

    /// <summary>The CA an enrolling agent checks against its pin, and the protocol versions this hub speaks.</summary>
    public DiscoverResponse Discover() => new()
    {
        CaCertificatesDer = { ByteString.CopyFrom(ca.Certificate.RawData) },
        MinProtocolVersion = ProtocolVersions.MinSupported,
        MaxProtocolVersion = ProtocolVersions.Current,
    };

    /// <summary>
    /// Checks the token (secret, expiry, single use, cluster binding) and the CSR, issues the certificate and consumes
    /// the token in one store transaction. Throws <see cref="IdentityException"/> with the reason.
    /// </summary>
    public async Task<EnrollResponse> EnrollAsync(EnrollRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            RequireProtocol(request.ProtocolVersion);
            var publicKey = CsrReader.ReadPublicKey(request.CsrDer.Span);
            var now = time.GetUtcNow();
            var token = await FindUsableTokenAsync(request, now, cancellationToken).ConfigureAwait(false);
            using var certificate = Issue(token.Cluster, publicKey, now, out var record);
            if (!await store.CompleteEnrollmentAsync(token.Id, record, now, cancellationToken).ConfigureAwait(false))
            {
                // Another enrolment consumed the token between our read and our write (or it just expired).
                var fresh = await store.FindTokenAsync(token.Id, cancellationToken).ConfigureAwait(false);
                throw TokenStateError(fresh, now) ?? TokenInvalid(token.Id);
            }
            LogEnrolled(logger, token.Cluster.Value, token.Id, record.Serial, record.NotAfter);
            return new EnrollResponse { ClusterId = token.Cluster.Value, Certificate = ToMessage(certificate) };
        }
        catch (IdentityException e)
        {
            LogEnrollRefused(logger, SafeTokenId(request.TokenId), e.Error, e.Message);
            throw;
        }
    }

    private async Task<BootstrapTokenRecord> FindUsableTokenAsync(
        EnrollRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.TokenId.Length != BootstrapToken.IdLength || request.TokenSecret.Length != BootstrapToken.SecretLength)
        {
            throw new IdentityException(IdentityError.TokenInvalid, "the bootstrap token is malformed");
        }
        var token = await store.FindTokenAsync(request.TokenId, cancellationToken).ConfigureAwait(false);
        // Unknown id and wrong secret get the same answer, so the error reveals nothing about which ids exist.
        if (token is null || !CryptographicOperations.FixedTimeEquals(
                token.SecretHash, BootstrapToken.HashSecret(request.TokenSecret)))
        {
            throw TokenInvalid(request.TokenId);
        }
        if (TokenStateError(token, now) is { } stateError)
        {
            throw stateError;
        }
        if (request.ClusterId.Length > 0 && !string.Equals(request.ClusterId, token.Cluster.Value, StringComparison.Ordinal))
        {
            throw new IdentityException(IdentityError.TokenClusterMismatch,
                $"bootstrap token '{token.Id}' is bound to cluster '{token.Cluster}', not '{request.ClusterId}'");
        }
        return token;
    }

    private static IdentityException? TokenStateError(BootstrapTokenRecord? token, DateTimeOffset now) => token switch
    {
        null => null,
        { UsedAt: { } used } => new IdentityException(IdentityError.TokenUsed,
            $"bootstrap token '{token.Id}' was already used or invalidated at {used:u}; tokens are single-use, create a new one"),
        _ when token.ExpiresAt <= now => new IdentityException(IdentityError.TokenExpired,
            $"bootstrap token '{token.Id}' expired at {token.ExpiresAt:u}; create a new one"),
        _ => null,
    };

    // The id is caller input: only a well-formed one goes into logs and messages.
    private static string SafeTokenId(string tokenId) =>
        tokenId.Length == BootstrapToken.IdLength && tokenId.All(char.IsAsciiLetterOrDigit) ? tokenId : "(malformed)";

    private static IdentityException TokenInvalid(string tokenId) => new(IdentityError.TokenInvalid,
        $"bootstrap token '{tokenId}' is not valid (unknown id or wrong secret)");

    private static void RequireProtocol(uint version)
    {
        if (!ProtocolVersions.IsSupported(version))
        {
            throw new IdentityException(IdentityError.ProtocolVersionUnsupported,
                $"agent protocol version {version} is not supported; this hub accepts {ProtocolVersions.MinSupported} " +
                $"to {ProtocolVersions.Current}");
        }
    }

    private X509Certificate2 Issue(
        ClusterId cluster, PublicKey publicKey, DateTimeOffset now, out IssuedCertificateRecord record)
    {
        var certificate = ca.IssueClientCertificate(
            cluster, publicKey, now - options.ClockSkewAllowance, now + options.ClientCertificateLifetime);
        record = new IssuedCertificateRecord(certificate.SerialNumber, cluster,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()))
        {
            CertificateDer = certificate.RawData,
        };
        return certificate;
    }

    private IssuedCertificate ToMessage(X509Certificate2 certificate) => new()
    {
        CertificateDer = ByteString.CopyFrom(certificate.RawData),
        CaCertificatesDer = { ByteString.CopyFrom(ca.Certificate.RawData) },
        NotBefore = Timestamp.FromDateTime(certificate.NotBefore.ToUniversalTime()),
        NotAfter = Timestamp.FromDateTime(certificate.NotAfter.ToUniversalTime()),
    };
}
