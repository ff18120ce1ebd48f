using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Agent.Identity;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;
using Grpc.Core;

namespace Edgeplane.EndToEnd.Tests.Support;

/// <summary>Protocol-level calls with a chosen certificate, for the cases a well-behaved agent never makes.</summary>
internal static class RawAgent
{
    /// <summary>Opens Connect with <paramref name="credentials"/>, says Hello as <paramref name="claimed"/>, and returns the first hub message.</summary>
    public static async Task<HubMessage?> HelloAsync(Uri gateway, AgentCredentials credentials, string claimed)
    {
        using var channel = HubChannels.Create(gateway, credentials, TimeProvider.System);
        var client = new AgentGateway.AgentGatewayClient(channel);
        using var timeout = new CancellationTokenSource(E2eScenario.Timeout);
        using var call = client.Connect(cancellationToken: timeout.Token);
        try
        {
            await call.RequestStream.WriteAsync(new AgentMessage
            {
                Hello = new Hello { ClusterId = claimed, AgentVersion = "e2e", ProtocolVersion = ProtocolVersions.Current },
            });
        }
        catch (RpcException)
        {
            // The hub may refuse the call before it reads Hello (the write then fails as Cancelled); its status comes with the response.
        }
        return await call.ResponseStream.MoveNext(timeout.Token) ? call.ResponseStream.Current : null;
    }

    /// <summary>The identity-error trailer of a refused call.</summary>
    public static string? IdentityError(RpcException e) => e.Trailers.GetValue(GatewayMetadata.IdentityErrorKey);

    /// <summary>A client certificate for <paramref name="cluster"/> from a CA the hub never saw, with the hub's real CA pinned.</summary>
    public static AgentCredentials FromAnotherCa(string cluster, X509Certificate2 hubCa)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Another CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={cluster}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
        return new AgentCredentials(issued.CopyWithPrivateKey(key), hubCa, Protocol.Identity.ClusterId.Parse(cluster));
    }
}
