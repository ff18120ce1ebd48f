using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Edgeplane.Cli.HubClient;

/// <summary>
/// How the CLI checks an https hub's certificate: against the CA of <c>--ca-file</c> alone (custom root trust: the
/// system store is not consulted, like the agent and its pinned hub CA), or, without one, against the system trust
/// store (a certificate from a public CA). Validation is never turned off; the host name must match either way.
/// Remembers why the last certificate was refused, so the error can say it.
/// </summary>
internal sealed class HubTls
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private readonly X509Certificate2Collection? _roots;

    private HubTls(X509Certificate2Collection? roots, string? pem)
    {
        _roots = roots;
        CaCertificatePem = pem;
    }

    /// <summary>Trust the system store (no CA file).</summary>
    public static HubTls System => new(null, null);

    /// <summary>The CA certificate(s) trusted instead of the system store, as PEM (saved by <c>login</c>); null: system trust.</summary>
    public string? CaCertificatePem { get; }

    /// <summary>Why the last server certificate was refused, or null.</summary>
    public string? LastRejection { get; private set; }

    /// <summary>Trusts only the CA certificate(s) in the PEM file <paramref name="path"/> (a usage error if it has none).</summary>
    public static HubTls FromFile(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HubClientException($"--ca-file '{path}' cannot be read: {e.Message}", usage: true);
        }
        return FromPem(pem, $"--ca-file '{path}'");
    }

    /// <summary>Trusts only the CA certificate(s) in <paramref name="pem"/>; <paramref name="source"/> names it in errors.</summary>
    public static HubTls FromPem(string pem, string source)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new HubClientException($"{source} holds a PEM certificate that cannot be read: {e.Message}", usage: true);
        }
        return roots.Count > 0
            ? new HubTls(roots, pem)
            : throw new HubClientException($"{source} holds no PEM certificate (-----BEGIN CERTIFICATE-----)", usage: true);
    }

    /// <summary>An HTTP handler that checks the hub's certificate this way.</summary>
    public HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = Validate },
    };

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        LastRejection = Check(certificate as X509Certificate2, chain, errors);
        return LastRejection is null;
    }

    private string? Check(X509Certificate2? certificate, X509Chain? sent, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "the hub presented no certificate";
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"its certificate '{certificate.Subject}' is not valid for the host name dialled";
        }
        if (_roots is null)
        {
            return errors == SslPolicyErrors.None ? null
                : $"its certificate '{certificate.Subject}' is not trusted by this system ({Status(sent)})";
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.ExtraStore.AddRange(sent?.ChainElements.Skip(1).Select(e => e.Certificate).ToArray() ?? []);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuth);
        return chain.Build(certificate) ? null
            : $"its certificate '{certificate.Subject}' does not chain to the CA given with --ca-file ({Status(chain)})";
    }

    private static string Status(X509Chain? chain) =>
        chain is null || chain.ChainStatus.Length == 0 ? "no chain" : string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
}
