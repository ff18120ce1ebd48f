using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Edgeplane.Protocol.Identity;

/// <summary>
/// A single-use enrolment credential: <c>ep1.&lt;id&gt;.&lt;secret&gt;.&lt;ca-pin&gt;</c>.
/// <list type="bullet">
/// <item><c>ep1</c>: the format version (sha256 pin, base32 parts).</item>
/// <item>id: 10 base32 characters (50 bits), public; the hub looks the token up by it and it may appear in logs.</item>
/// <item>secret: 32 base32 characters (160 bits from a CSPRNG); the hub stores only its sha256.</item>
/// <item>ca-pin: 64 hex characters, the <see cref="CaPin"/> of the hub CA; never sent back to the hub.</item>
/// </list>
/// Base32 is RFC 4648's alphabet in lowercase (<c>a-z2-7</c>), so a token survives shells, URLs and YAML unquoted.
/// The hub URL is deliberately not part of the token: the agent is told it (<c>--hub</c>), and the pin makes a wrong
/// or hijacked URL harmless.
/// </summary>
public sealed record BootstrapToken
{
    /// <summary>The format prefix.</summary>
    public const string Prefix = "ep1";

    /// <summary>Characters in the id part.</summary>
    public const int IdLength = 10;

    /// <summary>Characters in the secret part (5 bits each: 160 bits).</summary>
    public const int SecretLength = 32;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private BootstrapToken(string id, string secret, CaPin caPin)
    {
        Id = id;
        Secret = secret;
        CaPin = caPin;
    }

    /// <summary>The public token id.</summary>
    public string Id { get; }

    /// <summary>The secret; treat like a password.</summary>
    public string Secret { get; }

    /// <summary>The pin of the hub CA the agent must find during the TLS handshake.</summary>
    public CaPin CaPin { get; }

    /// <summary>Makes a new token with a random id and secret for the CA with <paramref name="caPin"/>.</summary>
    public static BootstrapToken Generate(CaPin caPin) =>
        new(RandomBase32(IdLength), RandomBase32(SecretLength), caPin);

    /// <summary>Parses a token; throws <see cref="FormatException"/> saying which part is wrong.</summary>
    public static BootstrapToken Parse(string? text) =>
        TryParse(text, out var token, out var error) ? token : throw new FormatException(error);

    /// <summary>Parses a token; on failure <paramref name="error"/> says which part is wrong (never echoing the secret).</summary>
    public static bool TryParse(
        string? text, [NotNullWhen(true)] out BootstrapToken? token, [NotNullWhen(false)] out string? error)
    {
        token = null;
        var parts = (text ?? "").Trim().Split('.');
        error = parts switch
        {
            { Length: not 4 } => "bootstrap token must have 4 dot-separated parts: ep1.<id>.<secret>.<ca-pin>",
            [not Prefix, ..] => $"bootstrap token must start with '{Prefix}.' (unknown format)",
            [_, var id, _, _] when !IsBase32(id, IdLength) =>
                $"bootstrap token id must be {IdLength} characters of a-z and 2-7",
            [_, _, var secret, _] when !IsBase32(secret, SecretLength) =>
                $"bootstrap token secret must be {SecretLength} characters of a-z and 2-7",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }
        if (!CaPin.TryParse(parts[3], out var pin, out var pinError))
        {
            error = "bootstrap token: " + pinError;
            return false;
        }
        token = new BootstrapToken(parts[1], parts[2], pin);
        return true;
    }

    /// <summary>The token text to hand to the agent.</summary>
    public string Format() => $"{Prefix}.{Id}.{Secret}.{CaPin.Hex}";

    /// <summary>sha256 of the secret: what the hub stores and compares (the secret has 160 bits of entropy,
    /// so a slow password hash would add nothing).</summary>
    public static byte[] HashSecret(string secret) =>
        SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret));

    /// <summary>Shows the id only, so a token never lands in a log by accident.</summary>
    public override string ToString() => $"{Prefix}.{Id}.<secret>";

    private static bool IsBase32(string text, int length) =>
        text.Length == length && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    private static string RandomBase32(int length)
    {
        // 32 divides 256, so a byte modulo 32 is uniform.
        Span<byte> bytes = stackalloc byte[length];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(length, bytes.ToArray(), (chars, b) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[b[i] & 31];
            }
        });
    }
}
