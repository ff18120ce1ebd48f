using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol.Identity;
using Grpc.Core;

namespace Edgeplane.Agent.Identity;

/// <summary>Checks on a certificate the hub issued, before the agent stores and uses it.</summary>
internal static class CertificateChecks
{
    private static readonly System.Security.Cryptography.Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>The certificate must chain to the pinned CA, carry clientAuth and name exactly <paramref name="cluster"/>.</summary>
    public static void RequireIssuedBy(AgentCredentials credentials, ClusterId cluster)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(credentials.HubCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        // Validity in time is the hub's call (its clock decides expiry); a skewed agent clock must not discard a good
        // certificate. So the chain is checked at a moment inside the certificate's own validity.
        chain.ChainPolicy.VerificationTime = (credentials.NotBefore + ((credentials.NotAfter - credentials.NotBefore) / 2)).UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        if (!chain.Build(credentials.Certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            throw new EnrollmentException(
                $"the certificate from the hub does not chain to the pinned CA with clientAuth ({status})", StatusCode.Internal);
        }
        var cn = credentials.Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.Equals(cn, cluster.Value, StringComparison.Ordinal))
        {
            throw new EnrollmentException(
                $"the certificate from the hub names '{cn}', not cluster '{cluster}'", StatusCode.Internal);
        }
    }
}
