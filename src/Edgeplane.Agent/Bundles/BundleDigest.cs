using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Edgeplane.Agent.Bundles;

/// <summary>A bundle digest, <c>sha256:&lt;64 lower-case hex&gt;</c>: the sha256 of the exact bundle bytes.</summary>
public readonly record struct BundleDigest
{
    private const string Prefix = "sha256:";

    private BundleDigest(string hex) => Hex = hex;

    /// <summary>The 64 lower-case hex characters.</summary>
    public string Hex { get; }

    /// <summary>A file name for the digest (no colon): <c>sha256-&lt;hex&gt;</c>.</summary>
    public string FileStem => "sha256-" + Hex;

    /// <summary>Parses <c>sha256:&lt;hex&gt;</c>; throws <see cref="FormatException"/> naming the problem.</summary>
    public static BundleDigest Parse(string? text) =>
        TryParse(text, out var digest, out var error) ? digest : throw new FormatException(error);

    /// <summary>Parses <c>sha256:&lt;hex&gt;</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out BundleDigest digest, [NotNullWhen(false)] out string? error)
    {
        digest = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"bundle digest '{Shorten(text)}' must start with '{Prefix}'";
            return false;
        }
        var hex = text[Prefix.Length..];
        if (hex.Length != 64 || !hex.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            error = $"bundle digest '{Shorten(text)}' must be '{Prefix}' followed by 64 lower-case hex characters";
            return false;
        }
        digest = new BundleDigest(hex);
        error = null;
        return true;
    }

    /// <summary>The digest of <paramref name="bytes"/>.</summary>
    public static BundleDigest Of(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    /// <summary>The digest of everything <paramref name="stream"/> still holds.</summary>
    public static BundleDigest Of(Stream stream) => new(Convert.ToHexStringLower(SHA256.HashData(stream)));

    /// <inheritdoc />
    public override string ToString() => Prefix + Hex;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
