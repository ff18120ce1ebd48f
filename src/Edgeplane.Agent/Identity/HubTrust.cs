using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Identity;

namespace Edgeplane.Agent.Identity;

/// <summary>
/// How the agent decides that the server it reached is its hub. Only ever against one CA: the pinned one
/// (found by its hash during enrolment, stored afterwards). The system trust store is never consulted.
/// </summary>
public static class HubTrust
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    /// <summary>
    /// Checks a server certificate against <paramref name="hubCa"/> alone: chain at <paramref name="now"/>, serverAuth
    /// usage, issued directly by that CA, and valid for the host name dialled. Returns null when valid, else the reason.
    /// </summary>
    public static string? Validate(
        X509Certificate2 serverCertificate, X509Certificate2 hubCa, SslPolicyErrors errors, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(serverCertificate);
        ArgumentNullException.ThrowIfNull(hubCa);
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the hub's certificate '{serverCertificate.Subject}' is not valid for the host name dialled";
        }
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(hubCa);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.ApplicationPolicy.Add(ServerAuth);
        if (!chain.Build(serverCertificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return $"the hub's certificate '{serverCertificate.Subject}' does not chain to the pinned hub CA ({status})";
        }
        if (chain.ChainElements.Count != 2
            || !chain.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(hubCa.RawDataMemory.Span))
        {
            return $"the hub's certificate '{serverCertificate.Subject}' is not issued directly by the pinned hub CA";
        }
        return null;
    }

    /// <summary>The first of <paramref name="candidates"/> whose public key matches <paramref name="pin"/>; null when none does.</summary>
    public static X509Certificate2? FindPinned(IEnumerable<X509Certificate2> candidates, CaPin pin) =>
        candidates.FirstOrDefault(pin.Matches);

    /// <summary>A TLS validation callback that trusts only <paramref name="hubCa"/>.</summary>
    public static RemoteCertificateValidationCallback Callback(X509Certificate2 hubCa, TimeProvider time) =>
        (_, certificate, _, errors) =>
            certificate is X509Certificate2 server && Validate(server, hubCa, errors, time.GetUtcNow()) is null;
}
