using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace Edgeplane.Hub.Identity;

/// <summary>Kestrel configuration of the agent gateway listener.</summary>
internal static class GatewayListenOptionsExtensions
{
    /// <summary>
    /// Makes <paramref name="listen"/> the agent gateway: HTTP/2 only, TLS 1.2/1.3 with the hub-issued server
    /// certificate. A client certificate is optional at the TLS level, because
    /// Discover and Enroll come before the agent has one; if one is presented it must chain to the hub CA alone (no system trust),
    /// be in its validity period and carry clientAuth, or the handshake fails. Which RPCs need a certificate, and
    /// whose, is decided per call by <see cref="AgentAuthInterceptor"/>. Loads the CA now, so a bad CA stops startup.
    /// </summary>
    public static ListenOptions UseEdgeplaneGatewayTls(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var services = listen.ApplicationServices;
        var serverCertificate = services.GetRequiredService<GatewayServerCertificate>();
        var validator = services.GetRequiredService<AgentCertificateValidator>();
        _ = serverCertificate.Context;
        listen.Protocols = HttpProtocols.Http2;
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = serverCertificate.Context,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateRequired = true,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                CertificateChainPolicy = validator.ChainPolicy(),
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is null || (certificate is X509Certificate2 c && validator.ValidateChain(c) is null),
                ApplicationProtocols = [SslApplicationProtocol.Http2],
            }),
        });
        return listen;
    }
}
