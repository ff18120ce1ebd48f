using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Protocol;
using Edgeplane.Protocol.V1;

namespace Edgeplane.Hub.Identity;

/// <summary>
/// Reads a PKCS#10 CSR and returns only its public key, after checking size, signature and key type.
/// Everything else the CSR asks for (subject, SANs, basic constraints, key usages, lifetime) is ignored on purpose.
/// </summary>
internal static class CsrReader
{
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string NistP256 = "1.2.840.10045.3.1.7";

    public static PublicKey ReadPublicKey(ReadOnlySpan<byte> der)
    {
        if (der.IsEmpty)
        {
            throw Invalid("the CSR is empty");
        }
        if (der.Length > ProtocolLimits.MaxCsrBytes)
        {
            throw Invalid($"the CSR is {der.Length} bytes; at most {ProtocolLimits.MaxCsrBytes} are accepted");
        }
        CertificateRequest request;
        try
        {
            // Verifies the CSR's self-signature: proof that the sender holds the private key.
            request = CertificateRequest.LoadSigningRequest(
                der, HashAlgorithmName.SHA256, out var consumed, CertificateRequestLoadOptions.Default);
            if (consumed != der.Length)
            {
                throw Invalid($"the CSR has {der.Length - consumed} bytes of trailing data");
            }
        }
        catch (CryptographicException e)
        {
            throw Invalid($"the CSR is not a validly signed PKCS#10 request ({e.Message})");
        }
        var key = request.PublicKey;
        if (key.Oid.Value != EcPublicKey || CurveOid(key) != NistP256)
        {
            throw Invalid($"the CSR key is {Describe(key)}; only ECDSA P-256 keys are accepted");
        }
        return key;
    }

    private static string? CurveOid(PublicKey key)
    {
        try
        {
            if (key.EncodedParameters?.RawData is not { } parameters)
            {
                return null;
            }
            var reader = new AsnReader(parameters, AsnEncodingRules.DER);
            return reader.ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static string Describe(PublicKey key) => key.Oid.Value == EcPublicKey
        ? $"ECDSA on curve {CurveOid(key) ?? "(unreadable)"}"
        : key.Oid.FriendlyName ?? key.Oid.Value ?? "unknown";

    private static IdentityException Invalid(string message) => new(IdentityError.CsrInvalid, message);
}
