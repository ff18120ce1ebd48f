using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Edgeplane.Hub.Gateway;
using Edgeplane.Hub.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace Edgeplane.Hub.Hosting;

/// <summary>
/// The REST listener (API, webhooks, health, metrics) on <see cref="HubOptions.Listen"/>: plain HTTP, or HTTPS (TLS
/// 1.2/1.3, HTTP/1.1 and HTTP/2) with the certificate of <see cref="HubOptions.TlsCertificateFile"/> and
/// <see cref="HubOptions.TlsKeyFile"/>, or, when none is given, one issued by the hub CA for the same host names as the
/// gateway's (<see cref="ApiServerCertificate"/>). No client certificate is asked for: callers use bearer tokens.
/// </summary>
internal static class ApiListener
{
    /// <summary>True when <see cref="HubOptions.Listen"/> is an <c>https://</c> address.</summary>
    public static bool IsHttps(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Listen.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The full path of the hub CA certificate (<c>{data}/identity/ca.crt</c>) when the REST listener serves a
    /// certificate issued by the hub CA (HTTPS without certificate files): the file API clients must trust. Else null.
    /// </summary>
    public static string? HubCaCertificateFile(HubOptions options) =>
        IsHttps(options) && options.TlsCertificateFile is null
            ? Path.GetFullPath(Path.Combine(new IdentityOptions { DataDirectory = options.DataDirectory }.IdentityDirectory,
                HubCertificateAuthority.CertificateFileName))
            : null;

    /// <summary>The DNS names and addresses in a hub-CA-issued REST certificate (the gateway's: <c>--gateway-name</c>).</summary>
    public static IReadOnlyList<string> HubIssuedCertificateNames(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.GatewayHostNames ?? new IdentityOptions { DataDirectory = options.DataDirectory }.GatewayHostNames;
    }

    /// <summary>
    /// Checks the TLS settings and loads the certificate files, if any (null: none given). Throws
    /// <see cref="ArgumentException"/> naming the flag and the file: files with an http address, one file without the
    /// other, a missing or unreadable file, no PEM certificate, a key that is not the certificate's.
    /// </summary>
    public static SslStreamCertificateContext? LoadCertificateFiles(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (cert, key) = (options.TlsCertificateFile, options.TlsKeyFile);
        if (cert is null && key is null)
        {
            return null;
        }
        if (!IsHttps(options))
        {
            throw new ArgumentException($"--tls-cert-file and --tls-key-file need an https:// --listen address, not '{options.Listen}'");
        }
        if (cert is null || key is null)
        {
            throw new ArgumentException(cert is null ? "--tls-key-file needs --tls-cert-file" : "--tls-cert-file needs --tls-key-file");
        }
        return PemServerCertificate.Load(cert, key);
    }

    /// <summary>Binds the REST listener (throws <see cref="ArgumentException"/> for an address it cannot bind).</summary>
    public static void Bind(KestrelServerOptions kestrel, HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var https = IsHttps(options);
        var endpoint = ListenAddress.Parse(options.Listen, https ? "https" : "http", "--listen");
        ListenAddress.Bind(kestrel, endpoint, https ? UseApiTls : _ => { });
    }

    private static void UseApiTls(ListenOptions listen)
    {
        var certificate = listen.ApplicationServices.GetRequiredService<ApiServerCertificate>();
        _ = certificate.Context; // a hub CA that cannot be loaded stops startup here, not at the first handshake
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = certificate.Context,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateRequired = false,
                ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            }),
        });
    }
}
