using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Edgeplane.Protocol.Bundles;

/// <summary>
/// A bundle digest, <c>sha256:&lt;64 lower-case hex&gt;</c>: the sha256 of the exact canonical bundle bytes. The one
/// place that reads, writes and computes digests; the hub and the agent use nothing else.
/// </summary>
public readonly record struct BundleDigest
{
    /// <summary>What a digest looks like, for error messages.</summary>
    public const string Syntax = "sha256:<64 lowercase hex>";

    /// <summary>How the file stem of every digest starts (<see cref="FileStem"/>).</summary>
    public const string FileStemPrefix = "sha256-";

    private const int HexLength = 64;

    private BundleDigest(string hex) => Hex = hex;

    /// <summary>The 64 lower-case hex characters.</summary>
    public string Hex { get; }

    /// <summary>A file name for the digest (no colon): <c>sha256-&lt;hex&gt;</c>.</summary>
    public string FileStem => FileStemPrefix + Hex;

    /// <summary>Parses <c>sha256:&lt;hex&gt;</c>; throws <see cref="FormatException"/> naming the problem.</summary>
    public static BundleDigest Parse(string? text) =>
        TryParse(text, out var digest, out var error) ? digest : throw new FormatException(error);

    /// <summary>Parses <c>sha256:&lt;hex&gt;</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out BundleDigest digest, [NotNullWhen(false)] out string? error)
    {
        digest = default;
        if (text is null || !text.StartsWith(BundleFormat.DigestPrefix, StringComparison.Ordinal))
        {
            error = $"bundle digest '{Shorten(text)}' must start with '{BundleFormat.DigestPrefix}'";
            return false;
        }
        if (!IsValid(text))
        {
            error = $"bundle digest '{Shorten(text)}' must be '{BundleFormat.DigestPrefix}' followed by {HexLength} lower-case hex characters";
            return false;
        }
        digest = new BundleDigest(text[BundleFormat.DigestPrefix.Length..]);
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is exactly <c>sha256:</c> and 64 lower-case hex characters (nothing after).</summary>
    public static bool IsValid(string? text)
    {
        if (text is null || text.Length != BundleFormat.DigestPrefix.Length + HexLength
            || !text.StartsWith(BundleFormat.DigestPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in text.AsSpan(BundleFormat.DigestPrefix.Length))
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The digest of <paramref name="bytes"/>.</summary>
    public static BundleDigest Of(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    /// <inheritdoc />
    public override string ToString() => BundleFormat.DigestPrefix + Hex;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
