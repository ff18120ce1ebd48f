using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Identity;

/// <summary>
/// Enrols the agent: makes a key, pins the hub CA by the token's hash during the TLS handshake (the token is sent
/// only to a server proven to hold a certificate from that CA), sends the CSR, checks the answer and stores the
/// identity. From then on only the stored CA is trusted.
/// </summary>
public sealed partial class EnrollmentClient(
    AgentIdentityFiles files,
    TimeProvider time,
    ILogger<EnrollmentClient> logger,
    string agentVersion = "dev")
{
    /// <summary>How long one Enroll call may take.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Enrols at <paramref name="hub"/> with <paramref name="token"/>. <paramref name="expectedCluster"/>, when given,
    /// must be the cluster the token is bound to. Throws <see cref="HubTrustException"/> when the server is not the
    /// pinned hub, <see cref="EnrollmentException"/> when the hub refuses.
    /// </summary>
    public async Task<AgentCredentials> EnrollAsync(
        Uri hub, BootstrapToken token, ClusterId? expectedCluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var pinning = new PinningValidator(token.CaPin, time);
        var (key, csr) = AgentKeys.NewKeyAndCsr(expectedCluster);
        using (key)
        using (var channel = HubChannels.Create(hub, pinning.Validate))
        {
            var request = new EnrollRequest
            {
                TokenId = token.Id,
                TokenSecret = token.Secret,
                CsrDer = ByteString.CopyFrom(csr),
                ClusterId = expectedCluster?.Value ?? "",
                AgentVersion = agentVersion,
                ProtocolVersion = ProtocolVersions.Current,
            };
            EnrollResponse response;
            try
            {
                response = await new AgentGateway.AgentGatewayClient(channel)
                    .EnrollAsync(request, deadline: time.GetUtcNow().UtcDateTime + CallTimeout, cancellationToken: cancellationToken);
            }
            catch (RpcException) when (pinning.Failure is { } failure)
            {
                throw new HubTrustException($"refusing hub {hub}: {failure}; the token was not sent");
            }
            catch (RpcException e)
            {
                throw new EnrollmentException($"hub {hub} refused enrolment: {e.Status.Detail}", e.StatusCode, e);
            }
            var credentials = Accept(response, key, pinning.PinnedCa!, expectedCluster);
            files.Save(credentials);
            LogEnrolled(logger, credentials.Cluster.Value, hub, credentials.NotAfter);
            return credentials;
        }
    }

    private static AgentCredentials Accept(
        EnrollResponse response, System.Security.Cryptography.ECDsa key, X509Certificate2 pinnedCa, ClusterId? expected)
    {
        if (response.Certificate is null || !ClusterId.TryParse(response.ClusterId, out var cluster, out _))
        {
            throw new EnrollmentException("the hub's enrolment answer has no certificate or no valid cluster id", StatusCode.Internal);
        }
        if (expected is { } e && e != cluster)
        {
            throw new EnrollmentException($"the hub enrolled this agent as '{cluster}', not '{e}'", StatusCode.Internal);
        }
        if (response.Certificate.CaCertificatesDer.Count > 0
            && !response.Certificate.CaCertificatesDer[0].Span.SequenceEqual(pinnedCa.RawData))
        {
            throw new EnrollmentException("the hub named a different CA than the one pinned in the handshake", StatusCode.Internal);
        }
        var certificate = AgentKeys.Attach(response.Certificate.CertificateDer.ToByteArray(), key);
        var credentials = new AgentCredentials(certificate, pinnedCa, cluster);
        CertificateChecks.RequireIssuedBy(credentials, cluster);
        return credentials;
    }

    /// <summary>Accepts the server only if the chain it sent contains the pinned CA and that CA issued its certificate.</summary>
    private sealed class PinningValidator(CaPin pin, TimeProvider time)
    {
        public X509Certificate2? PinnedCa { get; private set; }

        public string? Failure { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is not X509Certificate2 server)
            {
                Failure = "the server presented no certificate";
                return false;
            }
            var ca = HubTrust.FindPinned(chain, pin);
            if (ca is null)
            {
                Failure = $"no certificate in the server's chain matches the CA pin {pin} from the token";
                return false;
            }
            Failure = HubTrust.Validate(server, ca, errors, time.GetUtcNow());
            PinnedCa = Failure is null ? ca : null;
            return Failure is null;
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Enrolled as cluster {Cluster} at {Hub}; certificate valid until {NotAfter:u}")]
    private static partial void LogEnrolled(ILogger logger, string cluster, Uri hub, DateTimeOffset notAfter);
}
