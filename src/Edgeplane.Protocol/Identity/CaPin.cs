using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Edgeplane.Protocol.Identity;

/// <summary>
/// The pin of the hub CA: sha256 of the CA certificate's DER SubjectPublicKeyInfo, like kubeadm's
/// <c>--discovery-token-ca-cert-hash</c>. It pins the key, so a re-issued CA certificate with the same key still matches.
/// </summary>
public readonly record struct CaPin
{
    /// <summary>Length of the pin in hex characters (sha256).</summary>
    public const int HexLength = 64;

    private CaPin(string hex) => Hex = hex;

    /// <summary>The lowercase hex sha256.</summary>
    public string Hex { get; }

    /// <summary>The pin of a certificate's public key.</summary>
    public static CaPin Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return OfSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The pin of a DER SubjectPublicKeyInfo.</summary>
    public static CaPin OfSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        new(Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo)));

    /// <summary>True when <paramref name="certificate"/> carries the pinned public key.</summary>
    public bool Matches(X509Certificate2 certificate)
    {
        var other = Of(certificate);
        return Hex is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Hex), System.Text.Encoding.ASCII.GetBytes(other.Hex));
    }

    /// <summary>Parses 64 hex characters, optionally prefixed with <c>sha256:</c>.</summary>
    public static bool TryParse(string? text, out CaPin pin, [NotNullWhen(false)] out string? error)
    {
        pin = default;
        var hex = text is not null && text.StartsWith("sha256:", StringComparison.Ordinal) ? text[7..] : text;
        if (hex is null || hex.Length != HexLength || !hex.All(Uri.IsHexDigit))
        {
            error = $"CA pin must be {HexLength} hex characters (sha256 of the CA's SubjectPublicKeyInfo)";
            return false;
        }
        error = null;
        pin = new CaPin(hex.ToLowerInvariant());
        return true;
    }

    /// <summary>The pin as <c>sha256:&lt;hex&gt;</c>.</summary>
    public override string ToString() => "sha256:" + Hex;
}
