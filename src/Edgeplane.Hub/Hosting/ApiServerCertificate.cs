using System.Net.Security;
using Edgeplane.Hub.Identity;

namespace Edgeplane.Hub.Hosting;

/// <summary>
/// The REST listener's TLS certificate: the one loaded from <c>--tls-cert-file</c>/<c>--tls-key-file</c> at startup,
/// else the gateway's server certificate issued by the hub CA (same host names, re-issued in memory at two thirds of
/// its lifetime; see <see cref="GatewayServerCertificate"/>).
/// </summary>
internal sealed class ApiServerCertificate(SslStreamCertificateContext? fromFiles, GatewayServerCertificate hubIssued)
{
    /// <summary>True when the certificate comes from the files given, false when the hub CA issued it.</summary>
    public bool FromFiles => fromFiles is not null;

    /// <summary>The TLS context to present now.</summary>
    public SslStreamCertificateContext Context => fromFiles ?? hubIssued.Context;
}
