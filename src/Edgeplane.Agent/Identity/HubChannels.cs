using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol;
using Grpc.Net.Client;

namespace Edgeplane.Agent.Identity;

/// <summary>gRPC channels to the hub gateway over HTTP/2 with TLS that trusts only the hub CA.</summary>
public static class HubChannels
{
    /// <summary>Time allowed to open a TCP connection to the hub.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// An mTLS channel: presents <paramref name="credentials"/>' certificate and accepts only a server certificate
    /// issued by the stored hub CA. Make a new channel after renewal (an open HTTP/2 connection keeps the identity it
    /// was opened with).
    /// </summary>
    public static GrpcChannel Create(Uri hub, AgentCredentials credentials, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var tls = BaseTls(HubTrust.Callback(credentials.HubCa, time));
        tls.ClientCertificateContext = SslStreamCertificateContext.Create(credentials.Certificate, [], offline: true);
        return Channel(hub, tls);
    }

    internal static GrpcChannel Create(Uri hub, RemoteCertificateValidationCallback validate) =>
        Channel(hub, BaseTls(validate));

    private static SslClientAuthenticationOptions BaseTls(RemoteCertificateValidationCallback validate) => new()
    {
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = validate,
    };

    private static GrpcChannel Channel(Uri hub, SslClientAuthenticationOptions tls)
    {
        ArgumentNullException.ThrowIfNull(hub);
        if (hub.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"hub URL '{hub}' must use https", nameof(hub));
        }
        var handler = new SocketsHttpHandler
        {
            SslOptions = tls,
            ConnectTimeout = ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        return GrpcChannel.ForAddress(hub, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = ProtocolLimits.MaxMessageBytes,
            MaxSendMessageSize = ProtocolLimits.MaxMessageBytes,
        });
    }
}
