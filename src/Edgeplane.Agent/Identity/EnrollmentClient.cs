using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol;
using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Identity;

/// <summary>
/// Enrols the agent. First it pins the hub CA: it asks the hub for its CA (Discover, no secrets involved), keeps the
/// CA whose key matches the token's pin, and checks that the server certificate of that very TLS connection was
/// issued by it. Only then does it open a connection that trusts that CA alone and send the token with a CSR for a key
/// it made itself. It checks the answer, stores the identity, and from then on trusts only the stored CA.
/// </summary>
public sealed partial class EnrollmentClient(
    AgentIdentityFiles files,
    TimeProvider time,
    ILogger<EnrollmentClient> logger,
    string agentVersion = "dev")
{
    /// <summary>Network timeout of one Discover or Enroll call (wall clock).</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Enrols at <paramref name="hub"/> with <paramref name="token"/>. <paramref name="expectedCluster"/>, when given,
    /// must be the cluster the token is bound to. Throws <see cref="HubTrustException"/> when the server is not the
    /// pinned hub (the token is then never sent), <see cref="EnrollmentException"/> when the hub refuses.
    /// </summary>
    public async Task<AgentCredentials> EnrollAsync(
        Uri hub, BootstrapToken token, ClusterId? expectedCluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hubCa = await DiscoverPinnedCaAsync(hub, token.CaPin, cancellationToken).ConfigureAwait(false);
        var (key, csr) = AgentKeys.NewKeyAndCsr(expectedCluster);
        using (key)
        using (var channel = HubChannels.Create(hub, HubTrust.Callback(hubCa, time)))
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
                response = await new AgentGateway.AgentGatewayClient(channel).EnrollAsync(
                    request, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken);
            }
            catch (RpcException e)
            {
                throw new EnrollmentException($"hub {hub} refused enrolment: {e.Status.Detail}", e.StatusCode, e);
            }
            var credentials = Accept(response, key, hubCa, expectedCluster);
            files.Save(credentials);
            LogEnrolled(logger, credentials.Cluster.Value, hub, credentials.NotAfter);
            return credentials;
        }
    }

    private async Task<X509Certificate2> DiscoverPinnedCaAsync(Uri hub, CaPin pin, CancellationToken cancellationToken)
    {
        var seen = new ServerSeen();
        using var channel = HubChannels.Create(hub, seen.Record);
        DiscoverResponse response;
        try
        {
            response = await new AgentGateway.AgentGatewayClient(channel).DiscoverAsync(
                new DiscoverRequest { ProtocolVersion = ProtocolVersions.Current },
                deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken);
        }
        catch (RpcException e)
        {
            throw new EnrollmentException($"hub {hub} did not answer discovery: {e.Status.Detail}", e.StatusCode, e);
        }
        var candidates = response.CaCertificatesDer.Take(4).Select(d => X509CertificateLoader.LoadCertificate(d.Span));
        var ca = HubTrust.FindPinned(candidates, pin)
            ?? throw new HubTrustException($"refusing hub {hub}: none of its CA certificates matches the CA pin {pin} " +
                "from the token; the token was not sent");
        var error = seen.Server is null ? "it presented no server certificate"
            : HubTrust.Validate(seen.Server, ca, seen.Errors, time.GetUtcNow());
        if (error is not null)
        {
            throw new HubTrustException($"refusing hub {hub}: {error}; the token was not sent");
        }
        return ca;
    }

    private static AgentCredentials Accept(EnrollResponse response, ECDsa key, X509Certificate2 hubCa, ClusterId? expected)
    {
        if (response.Certificate is null || !ClusterId.TryParse(response.ClusterId, out var cluster, out _))
        {
            throw new EnrollmentException("the hub's enrolment answer has no certificate or no valid cluster id", StatusCode.Internal);
        }
        if (expected is { } e && e != cluster)
        {
            throw new EnrollmentException($"the hub enrolled this agent as '{cluster}', not '{e}'", StatusCode.Internal);
        }
        var certificate = AgentKeys.Attach(response.Certificate.CertificateDer.ToByteArray(), key);
        var credentials = new AgentCredentials(certificate, hubCa, cluster);
        CertificateChecks.RequireIssuedBy(credentials, cluster);
        return credentials;
    }

    /// <summary>Accepts any server for the discovery call only, remembering what it presented.</summary>
    private sealed class ServerSeen
    {
        public X509Certificate2? Server { get; private set; }

        public SslPolicyErrors Errors { get; private set; }

        public bool Record(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            Server = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            Errors = errors;
            return true;
        }
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information,
        Message = "Enrolled as cluster {Cluster} at {Hub}; certificate valid until {NotAfter:u}")]
    private static partial void LogEnrolled(ILogger logger, string cluster, Uri hub, DateTimeOffset notAfter);
}
