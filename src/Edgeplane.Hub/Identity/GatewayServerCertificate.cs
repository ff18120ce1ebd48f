using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// The live holder of the gateway's TLS server certificate. The certificate is issued by the hub CA in memory (its
/// key never touches disk) and re-issued once two thirds of its lifetime have passed, so a long-running hub never
/// serves an expired certificate. (The CA itself is not in the handshake: TLS stacks drop a self-signed root from the
/// chain they send. Enrolling agents get it from the Discover RPC and check it against their pin.)
/// </summary>
internal sealed class GatewayServerCertificate(HubCertificateAuthority ca, IdentityOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private Snapshot? _current;

    /// <summary>The current server certificate (with its private key).</summary>
    public X509Certificate2 Certificate => Current().Certificate;

    /// <summary>The TLS context to present.</summary>
    public SslStreamCertificateContext Context => Current().Context;

    private Snapshot Current()
    {
        var now = time.GetUtcNow();
        var current = Volatile.Read(ref _current);
        if (current is not null && now < current.RenewAt)
        {
            return current;
        }
        lock (_lock)
        {
            if (_current is null || now >= _current.RenewAt)
            {
                _current = Issue(now);
            }
            return _current;
        }
    }

    private Snapshot Issue(DateTimeOffset now)
    {
        var lifetime = options.ServerCertificateLifetime;
        var certificate = ca.IssueServerCertificate(options.GatewayHostNames, now - options.ClockSkewAllowance, now + lifetime);
        var context = SslStreamCertificateContext.Create(certificate, [], offline: true);
        return new Snapshot(certificate, context, now + (lifetime * 2 / 3));
    }

    private sealed record Snapshot(X509Certificate2 Certificate, SslStreamCertificateContext Context, DateTimeOffset RenewAt);
}
